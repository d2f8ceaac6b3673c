package io.dataplatform.ingest.source.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceMessage;
import io.dataplatform.api.connector.SourceRecord;
import io.dataplatform.api.connector.StreamState;
import io.dataplatform.api.connector.SyncMode;
import io.dataplatform.ingest.source.file.ProducerReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One read of an HTTP source: each chosen stream page by page, records in batches. Incremental
 * streams keep the largest cursor value seen under the state key {@code cursor}, send it as the
 * stream's request parameter next time and drop records at or before it.
 */
final class HttpRead implements ProducerReader.Producer {
  /** The state key of an incremental stream's cursor. */
  static final String CURSOR_KEY = "cursor";

  private final HttpSettings settings;
  private final HttpFetcher fetcher;
  private final List<ConfiguredStream> streams;
  private final int batchRows;

  HttpRead(
      HttpSettings settings, HttpFetcher fetcher, List<ConfiguredStream> streams, int batchRows) {
    this.settings = requireNonNull(settings, "settings");
    this.fetcher = requireNonNull(fetcher, "fetcher");
    this.streams = List.copyOf(streams);
    this.batchRows = batchRows;
  }

  @Override
  public void produce(ProducerReader.Sink sink) throws Exception {
    for (ConfiguredStream stream : streams) {
      read(stream, settings.definition().stream(stream.name()), sink);
    }
  }

  private void read(
      ConfiguredStream stream, ApiDefinition.StreamDefinition definition, ProducerReader.Sink sink)
      throws InterruptedException {
    boolean incremental =
        (stream.mode() == SyncMode.INCREMENTAL_APPEND
                || stream.mode() == SyncMode.INCREMENTAL_DEDUP)
            && definition.incremental().isPresent();
    Optional<String> stored = incremental ? stream.state().value(CURSOR_KEY) : Optional.empty();
    Map<String, String> params = new LinkedHashMap<>(definition.params());
    if (incremental) {
      ApiDefinition.Incremental cursor = definition.incremental().get();
      Optional<String> sent = stored.or(cursor::start);
      if (cursor.param().isPresent() && sent.isPresent()) {
        params.put(cursor.param().get(), sent.get());
      }
    }
    PageRequest request =
        new PageRequest(
            settings.definition().baseUrl(), definition.path(), params, definition.pagination());
    Batches batches = new Batches(stream.name(), stream.stream().columns(), sink);
    Optional<String> cursorField =
        incremental
            ? definition.incremental().map(ApiDefinition.Incremental::cursorField)
            : Optional.empty();
    Optional<String> highest = stored;
    Optional<String> checkpointed = Optional.empty();
    while (true) {
      HttpFetcher.Page page = fetcher.get(stream.name(), request.uri());
      List<JsonNode> records = HttpConnector.records(definition, page.body());
      for (JsonNode record : records) {
        Optional<String> cursor =
            cursorField
                .map(record::get)
                .filter(value -> !value.isNull())
                .map(JsonValues::cursorText);
        if (cursor.isPresent()) {
          if (stored.isPresent() && JsonValues.compareCursors(cursor.get(), stored.get()) <= 0) {
            continue;
          }
          if (highest.isEmpty() || JsonValues.compareCursors(cursor.get(), highest.get()) > 0) {
            highest = cursor;
          }
        }
        batches.add(record, page);
      }
      if (incremental && definition.incremental().get().sorted() && !highest.equals(checkpointed)) {
        batches.flush();
        sink.send(new SourceMessage.Checkpoint(stream.name(), state(highest)));
        checkpointed = highest;
      }
      if (!request.advance(page, records.size())) {
        break;
      }
    }
    batches.flush();
    if (incremental && (checkpointed.isEmpty() || !highest.equals(checkpointed))) {
      sink.send(new SourceMessage.Checkpoint(stream.name(), state(highest)));
    }
    sink.send(new SourceMessage.StreamEnd(stream.name()));
  }

  /**
   * Records of one stream gathered into batches. A field the stream's columns lack becomes a new
   * column, typed by its first value, from the next batch on.
   */
  private final class Batches {
    private final String stream;
    private final ProducerReader.Sink sink;
    private final List<SourceColumn> columns;
    private final Set<String> names = new HashSet<>();
    private final List<SourceRecord> records = new ArrayList<>();

    Batches(String stream, List<SourceColumn> columns, ProducerReader.Sink sink) {
      this.stream = stream;
      this.sink = sink;
      this.columns = new ArrayList<>(columns);
      columns.forEach(column -> names.add(column.name()));
    }

    void add(JsonNode record, HttpFetcher.Page page) throws InterruptedException {
      var fields = record.fields();
      while (fields.hasNext()) {
        var field = fields.next();
        if (!names.contains(field.getKey()) && !field.getValue().isNull()) {
          flush();
          columns.add(
              SourceColumn.nullable(field.getKey(), JsonValues.typeOf(field.getValue()), "json"));
          names.add(field.getKey());
        }
      }
      records.add(SourceRecord.read(values(stream, columns, record, page)));
      if (records.size() >= batchRows) {
        flush();
      }
    }

    void flush() throws InterruptedException {
      if (!records.isEmpty()) {
        sink.send(new SourceMessage.RecordBatch(stream, columns, records));
        records.clear();
      }
    }
  }

  private Object[] values(
      String stream, List<SourceColumn> columns, JsonNode record, HttpFetcher.Page page) {
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      SourceColumn column = columns.get(i);
      try {
        values[i] = JsonValues.value(record.get(column.name()), column.type());
      } catch (IllegalArgumentException e) {
        throw new DpException(
            StandardErrorCode.EXTERNAL_FAILURE,
            "Cannot read HTTP stream "
                + stream
                + ": field "
                + column.name()
                + ": "
                + e.getMessage()
                + " (GET "
                + fetcher.shown(page.uri())
                + ")",
            e);
      }
    }
    return values;
  }

  private static StreamState state(Optional<String> cursor) {
    return cursor
        .map(value -> new StreamState(Map.of(CURSOR_KEY, value)))
        .orElse(StreamState.EMPTY);
  }
}

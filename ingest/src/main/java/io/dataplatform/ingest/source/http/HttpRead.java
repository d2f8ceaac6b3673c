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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    List<SourceColumn> columns = stream.stream().columns();
    List<SourceRecord> batch = new ArrayList<>();
    Optional<String> highest = stored;
    while (true) {
      HttpFetcher.Page page = fetcher.get(stream.name(), request.uri());
      List<JsonNode> records = HttpConnector.records(definition, page.body());
      for (JsonNode record : records) {
        if (incremental) {
          JsonNode value = record.get(definition.incremental().get().cursorField());
          if (value != null && !value.isNull()) {
            String cursor = JsonValues.cursorText(value);
            if (stored.isPresent() && JsonValues.compareCursors(cursor, stored.get()) <= 0) {
              continue;
            }
            if (highest.isEmpty() || JsonValues.compareCursors(cursor, highest.get()) > 0) {
              highest = Optional.of(cursor);
            }
          }
        }
        batch.add(SourceRecord.read(values(stream.name(), columns, record, page)));
        if (batch.size() >= batchRows) {
          flush(stream.name(), columns, batch, sink);
        }
      }
      if (incremental && definition.incremental().get().sorted() && highest.isPresent()) {
        flush(stream.name(), columns, batch, sink);
        sink.send(new SourceMessage.Checkpoint(stream.name(), state(highest)));
      }
      if (!request.advance(page, records.size())) {
        break;
      }
    }
    flush(stream.name(), columns, batch, sink);
    if (incremental) {
      sink.send(new SourceMessage.Checkpoint(stream.name(), state(highest)));
    }
    sink.send(new SourceMessage.StreamEnd(stream.name()));
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

  private static void flush(
      String stream, List<SourceColumn> columns, List<SourceRecord> batch, ProducerReader.Sink sink)
      throws InterruptedException {
    if (!batch.isEmpty()) {
      sink.send(new SourceMessage.RecordBatch(stream, columns, batch));
      batch.clear();
    }
  }

  private static StreamState state(Optional<String> cursor) {
    return cursor
        .map(value -> new StreamState(Map.of(CURSOR_KEY, value)))
        .orElse(StreamState.EMPTY);
  }
}

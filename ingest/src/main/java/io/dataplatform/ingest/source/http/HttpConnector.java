package io.dataplatform.ingest.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.CheckResult;
import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.Connector;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.ConnectorSpec;
import io.dataplatform.api.connector.ReadRequest;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceReader;
import io.dataplatform.api.connector.SourceStream;
import io.dataplatform.api.connector.SyncMode;
import io.dataplatform.ingest.source.file.ProducerReader;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON HTTP API described by a declarative definition (type {@code http}): each declared resource
 * is a stream, paged, authenticated, retried and rate limited as the definition and the connection
 * say.
 */
public final class HttpConnector implements Connector {
  @Override
  public String type() {
    return "http";
  }

  @Override
  public ConnectorSpec spec() {
    return HttpSpec.spec();
  }

  @Override
  public CheckResult check(ConnectorConfig config) {
    try {
      HttpSettings settings = HttpSettings.of(config);
      ApiDefinition.StreamDefinition stream = settings.definition().streams().get(0);
      HttpFetcher fetcher = fetcher(settings);
      PageRequest request = request(settings, stream);
      HttpFetcher.Page page = fetcher.get(stream.name(), request.uri());
      int records = records(stream, page.body()).size();
      return CheckResult.succeeded(
          "Read "
              + records
              + " records of stream "
              + stream.name()
              + " (GET "
              + fetcher.shown(page.uri())
              + ")");
    } catch (DpException e) {
      return CheckResult.failed(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CheckResult.failed("Cannot check HTTP source: interrupted");
    }
  }

  @Override
  public List<SourceStream> discover(ConnectorConfig config) {
    HttpSettings settings = HttpSettings.of(config);
    HttpFetcher fetcher = fetcher(settings);
    List<SourceStream> streams = new ArrayList<>();
    for (ApiDefinition.StreamDefinition stream : settings.definition().streams()) {
      List<SourceColumn> columns;
      if (!stream.columns().isEmpty()) {
        columns = JsonValues.infer(List.of(), stream.columns());
      } else {
        HttpFetcher.Page page;
        try {
          page = fetcher.get(stream.name(), request(settings, stream).uri());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new DpException(
              StandardErrorCode.INTERNAL_ERROR, "Cannot discover HTTP streams: interrupted");
        }
        List<JsonNode> records = records(stream, page.body());
        if (records.isEmpty()) {
          throw new DpException(
              StandardErrorCode.INVALID_CONFIGURATION,
              "Cannot discover HTTP stream "
                  + stream.name()
                  + ": the first page holds no records to infer columns from; declare its columns"
                  + " (GET "
                  + fetcher.shown(page.uri())
                  + ", records "
                  + stream.records()
                  + ")");
        }
        columns = JsonValues.infer(records, stream.columns());
      }
      Set<SyncMode> modes =
          EnumSet.of(SyncMode.FULL_REFRESH_OVERWRITE, SyncMode.FULL_REFRESH_APPEND);
      Optional<String> cursor = stream.incremental().map(ApiDefinition.Incremental::cursorField);
      if (cursor.isPresent()) {
        modes.add(SyncMode.INCREMENTAL_APPEND);
        if (!stream.primaryKey().isEmpty()) {
          modes.add(SyncMode.INCREMENTAL_DEDUP);
        }
      }
      streams.add(
          new SourceStream(
              stream.name(),
              columns,
              stream.primaryKey(),
              cursor.stream().toList(),
              cursor,
              modes));
    }
    return streams;
  }

  @Override
  public SourceReader read(ConnectorConfig config, ReadRequest request) {
    HttpSettings settings = HttpSettings.of(config);
    for (ConfiguredStream stream : request.streams()) {
      settings.definition().stream(stream.name());
      if (stream.mode() == SyncMode.CDC) {
        throw new DpException(
            StandardErrorCode.NOT_SUPPORTED,
            "Cannot read HTTP stream " + stream.name() + ": HTTP APIs have no change log");
      }
    }
    return ProducerReader.start(
        "dp-http-" + request.connectionName(),
        request.streams().size(),
        new HttpRead(settings, fetcher(settings), request.streams(), request.batchRows()));
  }

  /** The records a response holds: the selected nodes, with selected arrays expanded. */
  static List<JsonNode> records(ApiDefinition.StreamDefinition stream, JsonNode body) {
    List<JsonNode> records = new ArrayList<>();
    for (JsonNode node : stream.records().select(body)) {
      if (node.isArray()) {
        node.forEach(records::add);
      } else if (node.isObject()) {
        records.add(node);
      }
    }
    return records;
  }

  private static PageRequest request(HttpSettings settings, ApiDefinition.StreamDefinition stream) {
    java.util.Map<String, String> params = new java.util.LinkedHashMap<>(stream.params());
    stream
        .incremental()
        .ifPresent(
            cursor -> {
              if (cursor.param().isPresent() && cursor.start().isPresent()) {
                params.put(cursor.param().get(), cursor.start().get());
              }
            });
    return new PageRequest(
        settings.definition().baseUrl(), stream.path(), params, stream.pagination());
  }

  private static HttpFetcher fetcher(HttpSettings settings) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    return new HttpFetcher(
        client, settings.auth(), settings.definition().headers(), settings.policy());
  }
}

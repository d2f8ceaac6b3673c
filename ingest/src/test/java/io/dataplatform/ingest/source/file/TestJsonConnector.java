package io.dataplatform.ingest.source.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.Connector;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.SourceReader;
import io.dataplatform.api.connector.SourceStream;
import io.dataplatform.api.connector.StreamState;
import io.dataplatform.api.connector.SyncMode;
import io.dataplatform.ingest.source.SourceReads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** JSON files: the fixture alternates JSON arrays and newline-delimited files. */
class TestJsonConnector extends LocalFileContract {
  private int written;

  @Override
  protected Connector connector() {
    return new JsonConnector();
  }

  @Override
  protected String extension() {
    return written % 2 == 0 ? "json" : "ndjson";
  }

  @Override
  protected void write(Path file, List<Order> orders) throws Exception {
    List<String> objects =
        orders.stream()
            .map(
                order ->
                    "{\"id\": "
                        + order.id()
                        + ", \"amount\": "
                        + order.amount()
                        + ", \"customer\": \""
                        + order.customer()
                        + "\"}")
            .toList();
    String text =
        file.toString().endsWith(".ndjson")
            ? String.join("\n", objects) + "\n"
            : "[\n" + String.join(",\n", objects) + "\n]\n";
    Files.writeString(file, text);
    written++;
  }

  @Test
  void nestedValuesBecomeJsonText() throws Exception {
    Path folder = Files.createDirectories(imports.resolve("events"));
    Files.writeString(
        folder.resolve("events.jsonl"),
        "{\"id\": 1, \"user\": {\"name\": \"ann\", \"tags\": [\"a\", \"b\"]}, \"at\":"
            + " \"2024-05-01T10:00:00Z\"}\n"
            + "{\"id\": 2, \"user\": {\"name\": \"bob\", \"tags\": []}, \"at\": \"2024-05-02T11:00:00Z\"}\n");
    ConnectorConfig config =
        config(Map.of("path", "events", "json_format", "ndjson", "primary_key", List.of()));
    SourceStream stream = connector().discover(config).get(0);
    assertEquals("events", stream.name());
    assertEquals(DataType.JSON, stream.column("user").orElseThrow().type());
    ConfiguredStream configured =
        new ConfiguredStream(
            stream, SyncMode.FULL_REFRESH_APPEND, Optional.empty(), List.of(), StreamState.EMPTY);
    SourceReads reads;
    try (SourceReader reader = connector().read(config, request(List.of(configured)))) {
      reads = SourceReads.drain(reader, Duration.ofSeconds(30));
    }
    assertEquals(
        "1 {\"name\":\"ann\",\"tags\":[\"a\",\"b\"]}|2 {\"name\":\"bob\",\"tags\":[]}",
        reads.rows("events").stream()
            .map(row -> row.value("id") + " " + row.value("user"))
            .sorted()
            .collect(Collectors.joining("|")));
  }
}

package io.dataplatform.ingest.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataplatform.api.TableId;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.SyncMode;
import io.dataplatform.ingest.source.ConnectorRegistry;
import io.dataplatform.ingest.sync.LakeFixture;
import io.dataplatform.ingest.sync.StreamPlan;
import io.dataplatform.ingest.sync.SyncEngine;
import io.dataplatform.ingest.sync.SyncPlan;
import io.dataplatform.ingest.sync.SyncProgress;
import io.dataplatform.ingest.sync.SyncReport;
import io.dataplatform.ingest.sync.SyncSettings;
import io.dataplatform.ingest.sync.SyncStatus;
import io.dataplatform.lakehouse.load.DeleteMode;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local JSON API synced by the engine into lake tables. */
class HttpSyncIT {
  @TempDir Path directory;
  private ApiServer server;
  private LakeFixture lake;
  private SyncEngine engine;
  private Map<String, Object> definition;
  private int syncs;

  @BeforeEach
  void open() throws Exception {
    server = new ApiServer();
    for (int id = 1; id <= 5; id++) {
      server.customers.add(
          new ApiServer.Customer(
              id, "customer " + id, Instant.parse("2024-06-01T08:00:00Z").plusSeconds(id * 60L)));
    }
    try (InputStream yaml = getClass().getResourceAsStream("/http/shop-api.yml")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> parsed = new ObjectMapper(new YAMLFactory()).readValue(yaml, Map.class);
      definition = parsed;
    }
    lake = new LakeFixture(directory);
    engine =
        new SyncEngine(
            ConnectorRegistry.load(),
            lake.lakehouse.loads(),
            new SyncSettings(
                Duration.ZERO,
                1000,
                Duration.ofSeconds(2),
                Duration.ofMinutes(5),
                directory.resolve("work")),
            Clock.systemUTC());
  }

  @AfterEach
  void close() {
    lake.close();
    server.close();
  }

  private SyncReport sync(
      String stream, SyncMode mode, Optional<String> cursor, Map<String, Object> extra) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("definition", definition);
    values.put("base_url", server.base().toString());
    values.put("auth", "bearer");
    values.put("token", "t0ken");
    values.put("retry_initial_ms", 50);
    values.putAll(extra);
    StreamPlan plan = new StreamPlan(stream, mode, cursor, List.of(), TableId.of("raw", stream));
    String id = "api" + ++syncs;
    return engine.run(
        new SyncPlan(
            "api", id, new ConnectorConfig("http", values), List.of(plan), DeleteMode.HARD),
        new SyncProgress("api", id, Clock.systemUTC()));
  }

  @Test
  void incrementalDedupKeepsTheLatestVersionOfEachCustomer() {
    SyncReport first =
        sync("customers", SyncMode.INCREMENTAL_DEDUP, Optional.of("updated_at"), Map.of());
    assertEquals(SyncStatus.SUCCEEDED, first.status(), String.valueOf(first.error()));
    assertEquals(
        List.of("5|5"), lake.query("SELECT count(*), count(DISTINCT id) FROM raw.customers"));

    synchronized (server.customers) {
      server.customers.set(
          1, new ApiServer.Customer(2, "renamed", Instant.parse("2024-07-01T00:00:00Z")));
    }
    SyncReport second =
        sync("customers", SyncMode.INCREMENTAL_DEDUP, Optional.of("updated_at"), Map.of());
    assertEquals(SyncStatus.SUCCEEDED, second.status(), String.valueOf(second.error()));
    assertEquals(1, second.stream("customers").orElseThrow().recordsRead());
    assertEquals(
        List.of("5|renamed"),
        lake.query("SELECT count(*), max(name) FILTER (WHERE id = 2) FROM raw.customers"));
  }

  @Test
  void aServerErrorIsRetriedAndAnEndlessOneLeavesNoTable() {
    SyncReport retried = sync("flaky", SyncMode.FULL_REFRESH_OVERWRITE, Optional.empty(), Map.of());
    assertEquals(SyncStatus.SUCCEEDED, retried.status(), String.valueOf(retried.error()));
    assertEquals(List.of("2"), lake.query("SELECT count(*) FROM raw.flaky"));

    SyncReport failed =
        sync("flaky", SyncMode.FULL_REFRESH_OVERWRITE, Optional.empty(), Map.of("max_retries", 0));
    assertEquals(SyncStatus.FAILED, failed.status());
    assertEquals(List.of("2"), lake.query("SELECT count(*) FROM raw.flaky"), "the table is intact");
  }
}

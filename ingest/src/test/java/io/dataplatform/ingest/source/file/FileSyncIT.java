package io.dataplatform.ingest.source.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.TableId;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.ConnectorContext;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV files of an import directory synced by the engine into lake tables. */
class FileSyncIT {
  @TempDir Path directory;
  @TempDir Path imports;
  private LakeFixture lake;
  private SyncEngine engine;
  private int syncs;

  @BeforeEach
  void open() throws Exception {
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
    Files.createDirectories(imports.resolve("orders"));
    Files.writeString(
        imports.resolve("orders/2024-01.csv"),
        "order_id,amount,ordered_on\n1,10.50,2024-01-03\n2,20.25,2024-01-09\n3,7.00,2024-01-30\n");
  }

  @AfterEach
  void close() {
    lake.close();
  }

  private SyncReport sync(SyncMode mode) {
    ConnectorConfig config =
        new ConnectorConfig(
            "csv",
            Map.of(
                "path",
                "orders",
                "primary_key",
                List.of("order_id"),
                "columns",
                Map.of("amount", "decimal(10,2)")),
            new ConnectorContext(List.of(imports), Optional.empty()));
    StreamPlan stream =
        new StreamPlan(
            "orders",
            mode,
            Optional.of("_dp_file_modified"),
            List.of("order_id"),
            TableId.of("raw", "orders"));
    String id = "files" + ++syncs;
    return engine.run(
        new SyncPlan("files", id, config, List.of(stream), DeleteMode.HARD),
        new SyncProgress("files", id, Clock.systemUTC()));
  }

  @Test
  void newFilesAreAppendedAndAMalformedOneLeavesTheTableAsItWas() throws Exception {
    SyncReport first = sync(SyncMode.INCREMENTAL_APPEND);
    assertEquals(SyncStatus.SUCCEEDED, first.status(), String.valueOf(first.error()));
    assertEquals(
        List.of("3|37.75|2024-01-30"),
        lake.query("SELECT count(*), sum(amount), max(ordered_on) FROM raw.orders"));

    Files.writeString(
        imports.resolve("orders/2024-02.csv"), "order_id,amount,ordered_on\n4,1.25,2024-02-01\n");
    SyncReport second = sync(SyncMode.INCREMENTAL_APPEND);
    assertEquals(SyncStatus.SUCCEEDED, second.status(), String.valueOf(second.error()));
    assertEquals(1, second.stream("orders").orElseThrow().recordsCommitted());
    assertEquals(
        List.of("4|2"), lake.query("SELECT count(*), count(DISTINCT _dp_file) FROM raw.orders"));

    Files.writeString(
        imports.resolve("orders/2024-03.csv"),
        "order_id,amount,ordered_on\n5,2.00,2024-03-01\n6,two,2024-03-02\n");
    SyncReport failed = sync(SyncMode.INCREMENTAL_APPEND);
    assertEquals(SyncStatus.FAILED, failed.status());
    String error = failed.error().orElseThrow();
    assertTrue(
        error.contains(
            "Cannot read csv file at line 3: Error when converting column \"amount\". Could not"
                + " convert string \"two\" to 'DECIMAL' ("
                + imports.resolve("orders/2024-03.csv").toRealPath()),
        error);
    assertEquals(List.of("4"), lake.query("SELECT count(*) FROM raw.orders"));
  }

  @Test
  void fullRefreshReplacesTheRows() {
    assertEquals(SyncStatus.SUCCEEDED, sync(SyncMode.FULL_REFRESH_OVERWRITE).status());
    assertEquals(SyncStatus.SUCCEEDED, sync(SyncMode.FULL_REFRESH_OVERWRITE).status());
    assertEquals(
        List.of("3|3"), lake.query("SELECT count(*), count(DISTINCT order_id) FROM raw.orders"));
  }
}

package io.dataplatform.ingest.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dataplatform.api.TableId;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.SyncMode;
import io.dataplatform.ingest.source.ConnectorRegistry;
import io.dataplatform.ingest.testing.PostgresTestDatabases;
import io.dataplatform.lakehouse.load.DeleteMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Syncs from the test PostgreSQL server through the real connector into a local lake. */
class PostgresSyncIT {
  private final String database =
      "dp_sync_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @TempDir Path directory;
  LakeFixture lake;
  SyncEngine engine;
  Connection source;
  int syncs;

  @BeforeEach
  void open() throws Exception {
    PostgresTestDatabases.create(database);
    source = PostgresTestDatabases.connect(database);
    execute(
        "CREATE SCHEMA shop",
        "CREATE TABLE shop.customers (id int PRIMARY KEY, name text, balance numeric(10,2),"
            + " updated_at timestamptz NOT NULL)",
        "INSERT INTO shop.customers SELECT i, 'customer ' || i, i * 1.5,"
            + " timestamptz '2024-01-01 00:00:00+00' + i * interval '1 minute'"
            + " FROM generate_series(1, 5000) i");
    lake = new LakeFixture(directory);
    engine =
        new SyncEngine(
            ConnectorRegistry.load(),
            lake.lakehouse.loads(),
            new SyncSettings(
                Duration.ZERO,
                1000,
                Duration.ofSeconds(2),
                Duration.ofMinutes(1),
                directory.resolve("work")),
            Clock.systemUTC());
  }

  @AfterEach
  void close() throws Exception {
    try {
      ConnectorRegistry.load().connector("postgres").release(config(), database);
    } finally {
      lake.close();
    }
    source.close();
    PostgresTestDatabases.drop(database);
  }

  private void execute(String... statements) throws Exception {
    try (Statement statement = source.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private ConnectorConfig config() {
    return new ConnectorConfig(
        "postgres",
        Map.of(
            "host", "127.0.0.1",
            "port", 5432,
            "database", database,
            "user", "dp",
            "password", "dp",
            "schemas", List.of("shop"),
            "ssl_mode", "disable"));
  }

  private SyncReport sync(SyncMode mode, String table) {
    Optional<String> cursor =
        mode == SyncMode.INCREMENTAL_APPEND || mode == SyncMode.INCREMENTAL_DEDUP
            ? Optional.of("updated_at")
            : Optional.empty();
    StreamPlan stream =
        new StreamPlan("shop.customers", mode, cursor, List.of(), TableId.of("raw", table));
    String id = "pg" + ++syncs;
    SyncReport report =
        engine.run(
            new SyncPlan(database, id, config(), List.of(stream), DeleteMode.HARD),
            new SyncProgress(database, id, Clock.systemUTC()));
    assertEquals(SyncStatus.SUCCEEDED, report.status(), String.valueOf(report.error()));
    return report;
  }

  @Test
  void fullRefreshCopiesEveryRowWithItsTypes() throws Exception {
    SyncReport report = sync(SyncMode.FULL_REFRESH_OVERWRITE, "customers");
    assertEquals(5000, report.stream("shop.customers").orElseThrow().recordsCommitted());
    assertEquals(
        List.of("5000|5000|18753750.00|2024-01-04 11:20:00+00"),
        lake.query(
            "SELECT count(*), count(DISTINCT id), sum(balance),"
                + " strftime(max(updated_at), '%Y-%m-%d %H:%M:%S+00') FROM raw.customers"));
    execute("DELETE FROM shop.customers WHERE id > 10");
    sync(SyncMode.FULL_REFRESH_OVERWRITE, "customers");
    assertEquals(List.of("10"), lake.query("SELECT count(*) FROM raw.customers"));
  }

  @Test
  void changeDataCaptureAppliesInsertsUpdatesAndDeletes() throws Exception {
    SyncReport snapshot = sync(SyncMode.CDC, "customers_cdc");
    assertEquals(5000, snapshot.stream("shop.customers").orElseThrow().recordsCommitted());
    execute(
        "UPDATE shop.customers SET name = 'changed' WHERE id IN (1, 2)",
        "DELETE FROM shop.customers WHERE id = 3",
        "INSERT INTO shop.customers VALUES (7000, 'inserted', 0, now())");
    SyncReport changes = sync(SyncMode.CDC, "customers_cdc");
    assertEquals(4, changes.stream("shop.customers").orElseThrow().recordsRead());
    assertEquals(
        List.of("5000|5000|2|1"),
        lake.query(
            "SELECT count(*), count(DISTINCT id), count(*) FILTER (WHERE name = 'changed'),"
                + " count(*) FILTER (WHERE id = 7000 AND _dp_op = 'c') FROM raw.customers_cdc"));
    assertEquals(List.of("0"), lake.query("SELECT count(*) FROM raw.customers_cdc WHERE id = 3"));
    // nothing new at the source: the next sync changes nothing and loads no row twice
    sync(SyncMode.CDC, "customers_cdc");
    assertEquals(List.of("5000"), lake.query("SELECT count(*) FROM raw.customers_cdc"));
  }

  @Test
  void incrementalDedupFollowsUpdatesAndNewColumns() throws Exception {
    sync(SyncMode.INCREMENTAL_DEDUP, "customers_dedup");
    execute(
        "ALTER TABLE shop.customers ADD COLUMN tier text",
        "UPDATE shop.customers SET name = 'renamed', tier = 'gold',"
            + " updated_at = timestamptz '2025-01-01 00:00:00+00' WHERE id <= 3",
        "INSERT INTO shop.customers VALUES (6000, 'new', 1, timestamptz '2025-01-02 00:00:00+00',"
            + " 'silver')");
    SyncReport second = sync(SyncMode.INCREMENTAL_DEDUP, "customers_dedup");
    assertEquals(4, second.stream("shop.customers").orElseThrow().recordsRead());
    assertEquals(
        List.of("5001|5001|3|2"),
        lake.query(
            "SELECT count(*), count(DISTINCT id), count(*) FILTER (WHERE name = 'renamed'),"
                + " count(tier) - 2 FROM raw.customers_dedup"));
  }
}

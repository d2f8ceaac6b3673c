package io.dataplatform.ingest.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import io.dataplatform.api.TableId;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.SyncMode;
import io.dataplatform.ingest.source.ConnectorRegistry;
import io.dataplatform.ingest.testing.EveryPostgresType;
import io.dataplatform.ingest.testing.PostgresTestDatabases;
import io.dataplatform.ingest.testing.PostgresTextTypes;
import io.dataplatform.lakehouse.load.DeleteMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  /** Settings of the source beyond the connection's, for one test. */
  private Map<String, Object> extraConfig = Map.of();

  private ConnectorConfig config() {
    Map<String, Object> values = new java.util.HashMap<>(extraConfig);
    values.putAll(
        Map.of(
            "host", "127.0.0.1",
            "port", 5432,
            "database", database,
            "user", "dp",
            "password", "dp",
            "schemas", List.of("shop"),
            "ssl_mode", "disable"));
    return new ConnectorConfig("postgres", values);
  }

  private SyncReport sync(SyncMode mode, String table) {
    return sync(mode, "shop.customers", table);
  }

  private SyncReport sync(SyncMode mode, String sourceTable, String table) {
    SyncReport report = run(mode, sourceTable, table);
    assertEquals(SyncStatus.SUCCEEDED, report.status(), report.error() + ": " + report.log());
    return report;
  }

  private SyncReport run(SyncMode mode, String sourceTable, String table) {
    Optional<String> cursor =
        mode == SyncMode.INCREMENTAL_APPEND || mode == SyncMode.INCREMENTAL_DEDUP
            ? Optional.of("updated_at")
            : Optional.empty();
    StreamPlan stream =
        new StreamPlan(sourceTable, mode, cursor, List.of(), TableId.of("raw", table));
    String id = "pg" + ++syncs;
    SyncReport report =
        engine.run(
            new SyncPlan(database, id, config(), List.of(stream), DeleteMode.HARD),
            new SyncProgress(database, id, Clock.systemUTC()));
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
  void fullRefreshKeepsEdgeValuesOfEveryTypeExactly() throws Exception {
    execute(
        "CREATE TABLE shop.kinds (id int PRIMARY KEY, c_int2 int2, c_int8 int8, c_small numeric(5,0),"
            + " c_money numeric(12,2), c_wide numeric(38,10), c_float4 float4, c_float8 float8,"
            + " c_bool bool, c_char char(4), c_text text, c_bytea bytea, c_date date, c_time time,"
            + " c_ts timestamp, c_tstz timestamptz, c_uuid uuid, c_jsonb jsonb, c_array int8[])",
        "INSERT INTO shop.kinds VALUES (1, -32768, 9223372036854775807, 10000, -123.45,"
            + " 1234567890123456789012345678.1234567890, 1.5, -2.5e300, false, 'ab',"
            + " 'żółw 🐢, \"quoted\"', '\\x00ff', '1999-12-31', '23:59:59.999999',"
            + " '1970-01-01 00:00:00', '2000-01-01 00:00:00.000001+00',"
            + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"b\": [1, 2]}', '{1,NULL,3}')",
        "INSERT INTO shop.kinds VALUES (2, 32767, -9223372036854775808, -99999, 0.5,"
            + " -0.0000000001, 'NaN', 'Infinity', true, 'abcd', '', '\\x', '0001-01-01',"
            + " '00:00:00', '1900-03-01 12:00:00', '2262-04-11 23:47:16.854775+00', NULL, 'null',"
            + " '{}')",
        "INSERT INTO shop.kinds (id) VALUES (3)");
    SyncReport report = sync(SyncMode.FULL_REFRESH_OVERWRITE, "shop.kinds", "kinds");
    assertEquals(3, report.stream("shop.kinds").orElseThrow().recordsCommitted());
    assertEquals(
        List.of(
            "1|-32768|9223372036854775807|10000|-123.45|1234567890123456789012345678.1234567890"
                + "|1.5|-2.5E300|false|ab  |żółw 🐢, \"quoted\"|00FF|1999-12-31|23:59:59.999999"
                + "|1970-01-01 00:00:00.0|2000-01-01 00:00:00.000001+00"
                + "|a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11|{\"b\": [1, 2]}|[1,null,3]",
            "2|32767|-9223372036854775808|-99999|0.50|-1E-10|NaN|Infinity|true|abcd||"
                + "|0001-01-01|00:00|1900-03-01 12:00:00.0|2262-04-11 23:47:16.854775+00|null"
                + "|null|[]",
            "3|null|null|null|null|null|null|null|null|null|null|null|null|null|null|null|null"
                + "|null|null"),
        lake.query(
            "SELECT id, c_int2, c_int8, c_small, c_money, c_wide, c_float4, c_float8, c_bool,"
                + " c_char, c_text, hex(c_bytea), c_date, c_time, c_ts,"
                + " strftime(c_tstz, '%Y-%m-%d %H:%M:%S.%f+00'), c_uuid, c_jsonb, c_array"
                + " FROM raw.kinds ORDER BY id"));
  }

  @Test
  void fullRefreshKeepsInfiniteDatesAndTimestamps() throws Exception {
    execute(
        "CREATE TABLE shop.spans (id int PRIMARY KEY, c_date date, c_ts timestamp,"
            + " c_tstz timestamptz)",
        "INSERT INTO shop.spans VALUES (1, 'infinity', '-infinity', 'infinity'),"
            + " (2, '-infinity', 'infinity', '-infinity'), (3, '2024-02-29', NULL, NULL)");
    sync(SyncMode.FULL_REFRESH_OVERWRITE, "shop.spans", "spans");
    assertEquals(
        List.of(
            "1|infinity|-infinity|infinity",
            "2|-infinity|infinity|-infinity",
            "3|2024-02-29|null|null"),
        lake.query(
            "SELECT id, c_date::varchar, c_ts::varchar, c_tstz::varchar FROM raw.spans"
                + " ORDER BY id"));
  }

  @Test
  void aDecimalColumnHoldingNotANumberFailsTheStreamAndKeepsTheTable() throws Exception {
    execute(
        "CREATE TABLE shop.prices (id int PRIMARY KEY, price numeric(8,2))",
        "INSERT INTO shop.prices VALUES (1, 9.99), (2, 19.99)");
    sync(SyncMode.FULL_REFRESH_OVERWRITE, "shop.prices", "prices");
    execute("INSERT INTO shop.prices VALUES (3, 'NaN')");
    SyncReport failed = run(SyncMode.FULL_REFRESH_OVERWRITE, "shop.prices", "prices");
    assertEquals(SyncStatus.FAILED, failed.status());
    assertTrue(
        failed
            .error()
            .orElseThrow()
            .contains(
                "Cannot load column price: a decimal column cannot hold NaN or infinity; select"
                    + " it as text or filter those rows out"),
        failed.error().orElseThrow());
    assertEquals(List.of("2|29.98"), lake.query("SELECT count(*), sum(price) FROM raw.prices"));
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
  void changeDataCaptureOfIdleTablesStillReleasesOtherDatabasesWal() throws Exception {
    sync(SyncMode.CDC, "customers_idle");
    String other = database + "_busy";
    PostgresTestDatabases.create(other);
    try {
      try (Connection busy = PostgresTestDatabases.connect(other);
          Statement statement = busy.createStatement()) {
        statement.execute(
            "CREATE TABLE filler AS SELECT i, md5(i::text) FROM generate_series(1, 400000) i");
      }
      long before = slotLag();
      assertTrue(before >= 16L * 1024 * 1024, "the slot holds the other database's WAL: " + before);

      // the captured table sees no change; the sync's heartbeats commit the moved position
      SyncReport idle = sync(SyncMode.CDC, "customers_idle");
      assertEquals(0, idle.stream("shop.customers").orElseThrow().recordsRead());
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      long lag = slotLag();
      while (lag >= before && System.nanoTime() < deadline) {
        Thread.sleep(200);
        lag = slotLag();
      }
      assertTrue(lag < 16L * 1024 * 1024, "the slot moved on: " + before + " -> " + lag);
      assertEquals(List.of("5000"), lake.query("SELECT count(*) FROM raw.customers_idle"));

      // and the change log goes on from the committed heartbeat's position
      execute("INSERT INTO shop.customers VALUES (7001, 'after idle', 0, now())");
      SyncReport changes = sync(SyncMode.CDC, "customers_idle");
      assertEquals(1, changes.stream("shop.customers").orElseThrow().recordsRead());
      assertEquals(
          List.of("5001|1"),
          lake.query("SELECT count(*), count(*) FILTER (WHERE id = 7001) FROM raw.customers_idle"));
    } finally {
      PostgresTestDatabases.drop(other);
    }
  }

  @Test
  void theCopySnapshotAndTheChangeLogWriteTheSameValues() throws Exception {
    execute(EveryPostgresType.STATEMENTS.toArray(String[]::new));
    // a type the change reader leaves out unless told to include types it does not know
    execute("ALTER TABLE shop.every_type ADD COLUMN c_name name DEFAULT 'nm'");
    String sourceColumns =
        "SELECT * EXCLUDE (_dp_extracted_at, _dp_sync_id, _dp_op, _dp_source_position, c_bytea),"
            + " hex(c_bytea) FROM raw.every_type ORDER BY id";
    SyncReport snapshot = sync(SyncMode.CDC, "shop.every_type", "every_type");
    assertTrue(
        snapshot.log().stream().anyMatch(line -> line.contains("initial snapshot with COPY")),
        snapshot.log().toString());
    List<String> copied = lake.query(sourceColumns);
    assertEquals(
        List.of("2"), lake.query("SELECT count(*) FROM raw.every_type WHERE _dp_op = 'r'"));

    // every row again, now through the change log
    execute("UPDATE shop.every_type SET c_int2 = c_int2");
    SyncReport changes = sync(SyncMode.CDC, "shop.every_type", "every_type");
    assertEquals(2, changes.stream("shop.every_type").orElseThrow().recordsRead());
    assertEquals(
        List.of("2"), lake.query("SELECT count(*) FROM raw.every_type WHERE _dp_op = 'u'"));
    assertEquals(copied, lake.query(sourceColumns));
  }

  @ParameterizedTest
  @ValueSource(strings = {"copy", "debezium"})
  void typesKeptAsTextReadTheSameFromEitherSnapshotTheChangeLogAndAFullRefresh(String snapshot)
      throws Exception {
    extraConfig = Map.of("cdc_snapshot", snapshot);
    execute(PostgresTextTypes.STATEMENTS.toArray(String[]::new));
    sync(SyncMode.CDC, "shop.text_type", "text_cdc");
    assertEquals(fullRefresh(), textTypes("text_cdc"));

    // every row again through the change log, then rows first written by it
    execute(
        "UPDATE shop.text_type SET c_touched = 1",
        "INSERT INTO shop.text_type SELECT id + 10, c_timetz, c_money, c_inet, c_inet24, c_cidr,"
            + " c_mac, c_mac8, c_bit1, c_bit4, c_varbit, c_point, c_box, c_lseg, c_line,"
            + " c_circle, c_path, c_polygon, c_xml, c_range, c_tsv, c_lsn, c_dates, c_nums,"
            + " c_ts, c_tstz, c_bools, c_floats, c_jsonbs, c_uuids, c_grid, c_texts,"
            + " c_intervals, c_byteas, c_times, c_bounded FROM shop.text_type");
    SyncReport changes = sync(SyncMode.CDC, "shop.text_type", "text_cdc");
    assertEquals(6, changes.stream("shop.text_type").orElseThrow().recordsRead());
    List<String> changed = textTypes("text_cdc");
    assertEquals(6, changed.size());
    assertEquals(fullRefresh(), changed);
  }

  private List<String> fullRefresh() {
    sync(SyncMode.FULL_REFRESH_OVERWRITE, "shop.text_type", "text_full");
    return textTypes("text_full");
  }

  private List<String> textTypes(String table) {
    return lake.query(
        "SELECT " + PostgresTextTypes.COLUMNS + " FROM raw." + table + " ORDER BY id");
  }

  private long slotLag() {
    Object lag =
        ConnectorRegistry.load()
            .connector("postgres")
            .sourceStatus(config(), database)
            .get("lag_bytes");
    return ((Number) lag).longValue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"copy", "debezium"})
  void changeDataCaptureStoppedDuringItsSnapshotReplacesThePartialSnapshot(String snapshot)
      throws Exception {
    // COPY stages files of 1 MB here, so that the snapshot takes several commits
    extraConfig = Map.of("cdc_snapshot", snapshot, "staged_file_mb", 1);
    // COPY reads fast enough that all of 100,000 rows are read and checkpointed before the stop
    // takes effect; a read ahead is bounded in files, so ten times that leaves most unread
    int rows = snapshot.equals("copy") ? 1_000_000 : 100_000;
    execute(
        "INSERT INTO shop.customers SELECT i, 'customer ' || i, i * 1.5, timestamptz"
            + " '2024-01-01 00:00:00+00' FROM generate_series(5001, "
            + rows
            + ") i");
    // stopped right after the first commit of the initial snapshot, as by a crash. The source is
    // large enough that the commits under way when the stop comes cannot hold all of it, however
    // fast the machine reads.
    SyncProgress stopped = new SyncProgress(database, "partial", Clock.systemUTC());
    Thread running =
        new Thread(() -> engine.run(cdcPlan("partial", "customers_restarted"), stopped));
    running.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (commits(stopped) < 1 && running.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    stopped.cancel();
    running.join(Duration.ofSeconds(60).toMillis());
    assertEquals(
        SyncStatus.CANCELLED, stopped.report().status(), stopped.report().log().toString());
    long partial =
        Long.parseLong(lake.query("SELECT count(*) FROM raw.customers_restarted").get(0));
    assertTrue(partial > 0 && partial < rows, "a part of the snapshot was committed: " + partial);
    List<String> committed =
        lake.query("SELECT id FROM raw.customers_restarted ORDER BY id LIMIT 10");

    // the source changes before the next sync, which takes the snapshot again
    execute(
        "DELETE FROM shop.customers WHERE id IN (" + String.join(", ", committed) + ")",
        "UPDATE shop.customers SET name = 'changed' WHERE id BETWEEN 100 AND 104",
        "INSERT INTO shop.customers VALUES (" + (rows * 7) + ", 'inserted', 0, now())");
    SyncReport resumed = sync(SyncMode.CDC, "customers_restarted");
    assertTrue(
        resumed.log().stream().anyMatch(line -> line.contains("replacing its rows")),
        "the first commit replaced the partial snapshot: " + resumed.log());
    assertEquals(
        List.of((rows - 9) + "|" + (rows - 9) + "|5|1|0"),
        lake.query(
            "SELECT count(*), count(DISTINCT id), count(*) FILTER (WHERE name = 'changed'),"
                + " count(*) FILTER (WHERE id = "
                + (rows * 7)
                + "),"
                + " count(*) FILTER (WHERE id IN ("
                + String.join(", ", committed)
                + ")) FROM raw.customers_restarted"));

    // then the change log goes on from the new snapshot: a change is applied once
    execute(
        "DELETE FROM shop.customers WHERE id = 200",
        "UPDATE shop.customers SET name = 'again'" + " WHERE id = 201");
    SyncReport changes = sync(SyncMode.CDC, "customers_restarted");
    assertEquals(2, changes.stream("shop.customers").orElseThrow().recordsRead());
    assertEquals(
        List.of((rows - 10) + "|" + (rows - 10) + "|1"),
        lake.query(
            "SELECT count(*), count(DISTINCT id), count(*) FILTER (WHERE name = 'again')"
                + " FROM raw.customers_restarted"));
  }

  private static int commits(SyncProgress progress) {
    return progress.report().stream("shop.customers").map(StreamReport::commits).orElse(0);
  }

  private SyncPlan cdcPlan(String syncId, String table) {
    StreamPlan stream =
        new StreamPlan(
            "shop.customers", SyncMode.CDC, Optional.empty(), List.of(), TableId.of("raw", table));
    return new SyncPlan(database, syncId, config(), List.of(stream), DeleteMode.HARD);
  }

  @Test
  void aResetStreamIsReadAgainAndItsRowsReplaced() throws Exception {
    sync(SyncMode.INCREMENTAL_APPEND, "customers_reset");
    // changes an incremental read cannot see: a delete, and an update that leaves the cursor
    execute(
        "DELETE FROM shop.customers WHERE id <= 10",
        "UPDATE shop.customers SET name = 'quiet' WHERE id = 20");
    sync(SyncMode.INCREMENTAL_APPEND, "customers_reset");
    assertEquals(List.of("5000|0"), lake.query(countsOf("customers_reset")));

    SyncReport reset =
        run(plan(SyncMode.INCREMENTAL_APPEND, "customers_reset", Set.of("shop.customers")));
    assertEquals(SyncStatus.SUCCEEDED, reset.status(), reset.log().toString());
    assertTrue(
        reset.log().stream().anyMatch(line -> line.contains("is reset: it is read from the start")),
        reset.log().toString());
    assertEquals(List.of("4990|1"), lake.query(countsOf("customers_reset")));
    // and the next sync goes on from the reset's cursor
    execute(
        "INSERT INTO shop.customers VALUES (9001, 'new', 0, timestamptz '2030-01-01 00:00:00+00')");
    sync(SyncMode.INCREMENTAL_APPEND, "customers_reset");
    assertEquals(List.of("4991|1"), lake.query(countsOf("customers_reset")));
  }

  @Test
  void resettingChangeDataCaptureTakesANewSnapshotOfEveryCdcStream() throws Exception {
    execute(
        "CREATE TABLE shop.orders (id int PRIMARY KEY, customer int)",
        "INSERT INTO shop.orders SELECT i, i FROM generate_series(1, 100) i");
    sync(SyncMode.CDC, "customers_cdc");
    // a stream added to a running change capture cannot join it without a new snapshot
    SyncReport added = run(twoCdcStreams(Set.of()));
    assertEquals(SyncStatus.FAILED, added.status());
    assertTrue(
        added.error().orElseThrow().contains("reset the connection's CDC streams"),
        added.error().orElseThrow());

    execute("DELETE FROM shop.customers WHERE id <= 10");
    SyncReport reset = run(twoCdcStreams(Set.of("shop.orders")));
    assertEquals(SyncStatus.SUCCEEDED, reset.status(), reset.error() + ": " + reset.log());
    assertTrue(
        reset.log().stream().anyMatch(line -> line.contains("Stream shop.customers is reset too")),
        reset.log().toString());
    assertEquals(List.of("4990"), lake.query("SELECT count(*) FROM raw.customers_cdc"));
    assertEquals(List.of("100"), lake.query("SELECT count(*) FROM raw.orders_cdc"));

    // the change log follows both from the new snapshot
    execute(
        "UPDATE shop.customers SET name = 'changed' WHERE id = 11",
        "DELETE FROM shop.orders WHERE id = 1");
    SyncReport changes = run(twoCdcStreams(Set.of()));
    assertEquals(SyncStatus.SUCCEEDED, changes.status(), changes.error() + ": " + changes.log());
    assertEquals(
        List.of("4990|1"),
        lake.query(
            "SELECT count(*), count(*) FILTER (WHERE name = 'changed') FROM raw.customers_cdc"));
    assertEquals(List.of("99"), lake.query("SELECT count(*) FROM raw.orders_cdc"));
  }

  @Test
  void aResetOfAStreamTheConnectionDoesNotHaveIsRefused() {
    DpException error =
        assertThrows(
            DpException.class,
            () ->
                plan(SyncMode.FULL_REFRESH_APPEND, "x", Set.of())
                    .withReset(false, List.of("shop.nothing")));
    assertEquals(
        "Cannot reset stream shop.nothing of connection "
            + database
            + ": the connection has no such stream (streams: shop.customers)",
        error.getMessage());
  }

  private static String countsOf(String table) {
    return "SELECT count(*), count(*) FILTER (WHERE name = 'quiet') FROM raw." + table;
  }

  private SyncPlan plan(SyncMode mode, String table, Set<String> reset) {
    Optional<String> cursor =
        mode == SyncMode.INCREMENTAL_APPEND ? Optional.of("updated_at") : Optional.empty();
    StreamPlan stream =
        new StreamPlan("shop.customers", mode, cursor, List.of(), TableId.of("raw", table));
    return new SyncPlan(
        database, "pg" + ++syncs, config(), List.of(stream), DeleteMode.HARD, reset);
  }

  private SyncPlan twoCdcStreams(Set<String> reset) {
    List<StreamPlan> streams =
        List.of(
            new StreamPlan(
                "shop.customers",
                SyncMode.CDC,
                Optional.empty(),
                List.of(),
                TableId.of("raw", "customers_cdc")),
            new StreamPlan(
                "shop.orders",
                SyncMode.CDC,
                Optional.empty(),
                List.of(),
                TableId.of("raw", "orders_cdc")));
    return new SyncPlan(database, "pg" + ++syncs, config(), streams, DeleteMode.HARD, reset);
  }

  private SyncReport run(SyncPlan plan) {
    return engine.run(plan, new SyncProgress(database, plan.syncId(), Clock.systemUTC()));
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

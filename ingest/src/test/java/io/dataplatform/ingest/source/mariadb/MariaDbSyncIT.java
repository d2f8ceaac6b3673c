package io.dataplatform.ingest.source.mariadb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.TableId;
import io.dataplatform.api.connector.SourceStream;
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

/** Syncs from the test MariaDB server through the real connector into a local lake. */
class MariaDbSyncIT {
  private static final String COLUMNS =
      "id, c_bool, c_tiny, c_tiny_unsigned, c_small, c_small_unsigned, c_medium,"
          + " c_medium_unsigned, c_int, c_int_unsigned, c_big, c_big_unsigned, c_dec, c_dec_wide,"
          + " c_float, c_double, c_char, c_varchar, c_text, c_long_text, c_enum, c_set, c_binary,"
          + " c_varbinary, c_blob, c_date, c_time, c_datetime, c_datetime0, c_timestamp, c_year,"
          + " c_json, c_bit1, c_bit8, c_uuid, c_point, c_line, c_polygon, c_geometry";

  @TempDir Path directory;
  private MariaDbDatabase database;
  private LakeFixture lake;
  private SyncEngine engine;
  private int syncs;

  @BeforeEach
  void open() throws Exception {
    database = new MariaDbDatabase();
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
      lake.close();
    } finally {
      database.close();
    }
  }

  @Test
  void everyTypeReadsTheSameFromTheSnapshotTheChangeLogAndAFullRefresh() throws Exception {
    database.execute(
        "CREATE TABLE every_type (id int PRIMARY KEY, c_bool boolean, c_tiny tinyint,"
            + " c_tiny_unsigned tinyint unsigned, c_small smallint, c_small_unsigned smallint"
            + " unsigned, c_medium mediumint, c_medium_unsigned mediumint unsigned, c_int int,"
            + " c_int_unsigned int unsigned, c_big bigint, c_big_unsigned bigint unsigned, c_dec"
            + " decimal(10,2), c_dec_wide decimal(65,4), c_float float, c_double double, c_char"
            + " char(3), c_varchar varchar(20), c_text text, c_long_text longtext, c_enum"
            + " enum('sad','happy'), c_set set('a','b','c'), c_binary binary(4), c_varbinary"
            + " varbinary(10), c_blob blob, c_date date, c_time time(3), c_datetime datetime(6),"
            + " c_datetime0 datetime, c_timestamp timestamp(3) NULL, c_year year, c_json json,"
            + " c_bit1 bit(1), c_bit8 bit(8), c_uuid uuid, c_point point, c_line linestring,"
            + " c_polygon polygon, c_geometry geometry, c_touched int)",
        "INSERT INTO every_type ("
            + COLUMNS
            + ") VALUES (1, true, -5, 255, -300, 65535, -70000, 16777215, -2147483648,"
            + " 4294967295, -9000000000, 18446744073709551615, -12.34,"
            + " 123456789012345678901234567890.1234, 0.1, 1e300, 'ab', 'abc', 'hé\\nllo',"
            + " REPEAT('x', 70000), 'happy', 'a,c', x'0102', x'0102ff', x'00', '2024-02-29',"
            + " '13:45:30.123', '2024-02-29 13:45:30.123456', '2024-02-29 13:45:30', '2024-02-29"
            + " 11:45:30.500', 2024, '{\"a\": 1}', b'1', b'00000101',"
            + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', POINT(1, 2.5),"
            + " ST_GeomFromText('LINESTRING(0 0, 1 1, 2 0.5)'), ST_GeomFromText('POLYGON((0 0, 1"
            + " 0, 1 1, 0 0))'), ST_GeomFromText('MULTIPOINT(1 1, 2 2)'))",
        "INSERT INTO every_type (id, c_text) VALUES (2, '')");
    sync(SyncMode.CDC, "cdc");
    List<String> full = fullRefresh();
    assertEquals(full, rows("cdc"));
    // a point in well-known binary: little endian, type 1, x and y
    assertEquals(
        List.of("0101000000000000000000F03F0000000000000440"),
        lake.query("SELECT hex(c_point) FROM raw.full WHERE id = 1"));

    // every row again through the change log, then rows first written by it
    database.execute(
        "UPDATE every_type SET c_touched = 1",
        "INSERT INTO every_type ("
            + COLUMNS
            + ") SELECT id + 10, "
            + COLUMNS.substring(COLUMNS.indexOf(',') + 1)
            + " FROM every_type");
    SyncReport changes = sync(SyncMode.CDC, "cdc");
    assertEquals(4, changes.stream(database.name + ".every_type").orElseThrow().recordsRead());
    List<String> changed = rows("cdc");
    assertEquals(4, changed.size());
    assertEquals(fullRefresh(), changed);
  }

  @Test
  void inetColumnsOfOtherTablesDoNotStopChangeCaptureAndTheirTablesOfferNone() throws Exception {
    database.execute(
        "CREATE TABLE every_type (id int PRIMARY KEY, v int)",
        "INSERT INTO every_type VALUES (1, 1)",
        "CREATE TABLE addresses (id int PRIMARY KEY, a6 inet6, a4 inet4)");
    SourceStream addresses =
        new MariaDbConnector()
            .discover(database.config(Map.of())).stream()
                .filter(stream -> stream.name().endsWith(".addresses"))
                .findFirst()
                .orElseThrow();
    assertFalse(addresses.syncModes().contains(SyncMode.CDC), addresses.syncModes().toString());
    assertTrue(addresses.syncModes().contains(SyncMode.FULL_REFRESH_OVERWRITE));
    sync(SyncMode.CDC, "cdc");

    // the change reader's grammar cannot parse these statements: they are skipped
    database.execute(
        "CREATE TABLE more_addresses (id int PRIMARY KEY, a INET6)",
        "ALTER TABLE addresses ADD COLUMN b inet6",
        "INSERT INTO every_type VALUES (2, 2)");
    sync(SyncMode.CDC, "cdc");
    assertEquals(List.of("1|1", "2|2"), lake.query("SELECT id, v FROM raw.cdc ORDER BY id"));

    // a captured table that gets such a column stops offering CDC; its rows stay as they were
    database.execute(
        "ALTER TABLE every_type ADD COLUMN address inet6",
        "INSERT INTO every_type (id) VALUES (3)");
    SyncReport stopped = run(SyncMode.CDC, "cdc");
    assertEquals(SyncStatus.FAILED, stopped.status());
    assertTrue(
        stopped.error().orElseThrow().contains("the source does not offer mode cdc for it"),
        stopped.error().orElseThrow());
    assertEquals(List.of("1|1", "2|2"), lake.query("SELECT id, v FROM raw.cdc ORDER BY id"));
  }

  private List<String> fullRefresh() {
    sync(SyncMode.FULL_REFRESH_OVERWRITE, "full");
    return rows("full");
  }

  /** The rows, binary values in hex and the long text by its length and digest. */
  private List<String> rows(String table) {
    String columns =
        COLUMNS
            .replace("c_long_text", "length(c_long_text), md5(c_long_text)")
            .replaceAll(
                "(c_binary|c_varbinary|c_blob|c_bit8|c_point|c_line|c_polygon|c_geometry)",
                "hex($1)");
    return lake.query("SELECT " + columns + " FROM raw." + table + " ORDER BY id");
  }

  private SyncReport sync(SyncMode mode, String table) {
    SyncReport report = run(mode, table);
    assertEquals(SyncStatus.SUCCEEDED, report.status(), report.error() + ": " + report.log());
    return report;
  }

  private SyncReport run(SyncMode mode, String table) {
    StreamPlan stream =
        new StreamPlan(
            database.name + ".every_type",
            mode,
            Optional.empty(),
            List.of(),
            TableId.of("raw", table));
    String id = "maria" + ++syncs;
    SyncReport report =
        engine.run(
            new SyncPlan(
                database.name, id, database.config(Map.of()), List.of(stream), DeleteMode.HARD),
            new SyncProgress(database.name, id, Clock.systemUTC()));
    return report;
  }
}

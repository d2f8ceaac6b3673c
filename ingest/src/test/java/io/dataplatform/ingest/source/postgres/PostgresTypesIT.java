package io.dataplatform.ingest.source.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.ReadRequest;
import io.dataplatform.api.connector.SourceMessage;
import io.dataplatform.api.connector.SourceReader;
import io.dataplatform.api.connector.SourceRecord;
import io.dataplatform.api.connector.SourceStream;
import io.dataplatform.api.connector.StreamState;
import io.dataplatform.api.connector.SyncMode;
import io.dataplatform.ingest.source.SourceReads;
import io.dataplatform.ingest.testing.EveryPostgresType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every PostgreSQL type of the documented mapping: its discovered type, its Java value on the
 * {@code SELECT} path and its value in the {@code COPY} path's staged Arrow files.
 */
class PostgresTypesIT {
  private static final String UUID_TEXT = EveryPostgresType.UUID_TEXT;

  @TempDir Path work;
  private PostgresDatabase database;
  private final PostgresConnector connector = new PostgresConnector();

  @BeforeEach
  void createTable() throws Exception {
    database = new PostgresDatabase();
    database.execute("CREATE SCHEMA shop");
    database.execute(EveryPostgresType.STATEMENTS.toArray(String[]::new));
  }

  @AfterEach
  void dropDatabase() throws Exception {
    database.close();
  }

  @Test
  void discoveryMapsEveryType() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("id", "int");
    expected.put("c_int2", "int");
    expected.put("c_int4", "int");
    expected.put("c_int8", "long");
    expected.put("c_num", "decimal(10, 2)");
    expected.put("c_num_free", "string");
    expected.put("c_float4", "float");
    expected.put("c_float8", "double");
    expected.put("c_text", "string");
    expected.put("c_varchar", "string");
    expected.put("c_char", "string");
    expected.put("c_bool", "boolean");
    expected.put("c_date", "date");
    expected.put("c_time", "time");
    expected.put("c_ts", "timestamp");
    expected.put("c_tstz", "timestamptz");
    expected.put("c_uuid", "uuid");
    expected.put("c_json", "json");
    expected.put("c_jsonb", "json");
    expected.put("c_bytea", "binary");
    expected.put("c_array", "json");
    expected.put("c_text_array", "json");
    expected.put("c_mood", "string");
    expected.put("c_interval", "string");
    SourceStream stream = stream();
    Map<String, String> actual = new LinkedHashMap<>();
    stream.columns().forEach(column -> actual.put(column.name(), column.type().toString()));
    assertEquals(expected, actual);
    assertEquals(List.of("id"), stream.primaryKey());
    assertTrue(stream.syncModes().contains(SyncMode.CDC), "a table with a key offers CDC");
    assertTrue(stream.cursorCandidates().contains("c_tstz"), stream.cursorCandidates().toString());
    assertTrue(stream.cursorCandidates().contains("c_text"), stream.cursorCandidates().toString());
    for (String notOrderable : List.of("c_mood", "c_json", "c_array", "c_num_free", "c_bool")) {
      assertFalse(stream.cursorCandidates().contains(notOrderable), notOrderable + " is no cursor");
    }
  }

  @Test
  void selectPathReadsJavaValues() throws Exception {
    Map<String, Object> row = new HashMap<>();
    Map<String, Object> empty = new HashMap<>();
    for (SourceMessage message : messages(SyncMode.INCREMENTAL_APPEND, Map.of())) {
      if (message instanceof SourceMessage.RecordBatch batch) {
        for (SourceRecord record : batch.records()) {
          Map<String, Object> target = record.values()[0].equals(1) ? row : empty;
          for (int i = 0; i < batch.columns().size(); i++) {
            target.put(batch.columns().get(i).name(), record.values()[i]);
          }
        }
      }
    }
    assertEquals((short) 7, ((Integer) row.get("c_int2")).shortValue());
    assertEquals(100000, row.get("c_int4"));
    assertEquals(9_000_000_000L, row.get("c_int8"));
    assertEquals(new BigDecimal("12.34"), row.get("c_num"));
    assertEquals("3.14159265358979323846", row.get("c_num_free"));
    assertEquals(1.5f, row.get("c_float4"));
    assertEquals(2.25d, row.get("c_float8"));
    assertEquals("hello, \"world\"", row.get("c_text"));
    assertEquals("abc", row.get("c_varchar"));
    assertEquals("ab ", row.get("c_char"));
    assertEquals(true, row.get("c_bool"));
    assertEquals(LocalDate.of(2024, 2, 29), row.get("c_date"));
    assertEquals(LocalTime.of(13, 45, 30, 123_456_000), row.get("c_time"));
    assertEquals(LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_456_000), row.get("c_ts"));
    assertEquals(
        Instant.parse("2024-02-29T11:45:30Z"), ((OffsetDateTime) row.get("c_tstz")).toInstant());
    assertEquals(UUID.fromString(UUID_TEXT), row.get("c_uuid"));
    assertEquals("{\"a\": 1}", row.get("c_json"));
    assertEquals("{\"a\": 1}", row.get("c_jsonb"));
    assertArrayEquals(new byte[] {1, 2, (byte) 255}, (byte[]) row.get("c_bytea"));
    assertEquals("[1,2,3]", row.get("c_array"));
    assertEquals("[\"a\",\"b c\"]", row.get("c_text_array"));
    assertEquals("happy", row.get("c_mood"));
    assertEquals("1 day 02:00:00", row.get("c_interval"));
    assertEquals("", empty.get("c_text"), "an empty string stays one");
    assertNull(empty.get("c_tstz"), "NULL stays NULL");
    assertNull(empty.get("c_bytea"), "NULL stays NULL");
  }

  @Test
  void copyPathStagesArrowValues() throws Exception {
    SourceReads reads = new SourceReads();
    for (SourceMessage message : messages(SyncMode.FULL_REFRESH_OVERWRITE, Map.of())) {
      reads.accept(message);
    }
    assertTrue(
        reads.messages.stream()
            .filter(SourceMessage.StagedFile.class::isInstance)
            .allMatch(
                message ->
                    ((SourceMessage.StagedFile) message).format()
                        == SourceMessage.StagedFormat.ARROW),
        "a full refresh stages Arrow files");
    List<SourceReads.Row> rows = reads.rows("shop.every_type");
    assertEquals(2, rows.size());
    SourceReads.Row row = rows.get(0).value("id").equals("1") ? rows.get(0) : rows.get(1);
    SourceReads.Row empty = row == rows.get(0) ? rows.get(1) : rows.get(0);
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("c_int2", "7");
    expected.put("c_int4", "100000");
    expected.put("c_int8", "9000000000");
    expected.put("c_num", "12.34");
    expected.put("c_num_free", "3.14159265358979323846");
    expected.put("c_float4", "1.5");
    expected.put("c_float8", "2.25");
    expected.put("c_text", "hello, \"world\"");
    expected.put("c_varchar", "abc");
    expected.put("c_char", "ab ");
    expected.put("c_bool", "true");
    expected.put("c_date", "2024-02-29");
    expected.put("c_time", "13:45:30.123456");
    expected.put("c_ts", "2024-02-29 13:45:30.123456");
    expected.put("c_uuid", UUID_TEXT);
    expected.put("c_json", "{\"a\": 1}");
    expected.put("c_jsonb", "{\"a\": 1}");
    expected.put("c_bytea", "0102ff");
    expected.put("c_array", "[1,2,3]");
    expected.put("c_text_array", "[\"a\",\"b c\"]");
    expected.put("c_mood", "happy");
    expected.put("c_interval", "1 day 02:00:00");
    Map<String, String> actual = new LinkedHashMap<>();
    expected.keySet().forEach(column -> actual.put(column, row.value(column)));
    assertEquals(expected, actual);
    assertEquals(
        Instant.parse("2024-02-29T11:45:30Z"),
        OffsetDateTime.parse(row.value("c_tstz")).toInstant(),
        row.value("c_tstz"));
    assertEquals("", empty.value("c_text"), "an empty string stays one");
    assertNull(empty.value("c_int4"), "NULL stays NULL");
    assertNull(empty.value("c_bytea"), "NULL stays NULL");
    assertNull(empty.value("c_num"), "NULL stays NULL");
  }

  @Test
  void copyPathSplitsLargeTablesIntoStagedFilesInTheWorkDirectory() throws Exception {
    database.execute(
        "CREATE TABLE shop.wide (id int PRIMARY KEY, payload text)",
        "INSERT INTO shop.wide SELECT g, repeat(md5(g::text), 4) FROM generate_series(1, 30000) g");
    ConnectorConfig config = database.config(Map.of("staged_file_mb", 1));
    SourceStream wide =
        connector.discover(config).stream()
            .filter(stream -> stream.name().equals("shop.wide"))
            .findFirst()
            .orElseThrow();
    List<SourceMessage> messages =
        read(config, wide, SyncMode.FULL_REFRESH_APPEND, StreamState.EMPTY);
    List<SourceMessage.StagedFile> files =
        messages.stream()
            .filter(SourceMessage.StagedFile.class::isInstance)
            .map(SourceMessage.StagedFile.class::cast)
            .toList();
    assertTrue(files.size() >= 4, "about 4 MB in files of 1 MB: " + files.size());
    assertEquals(30000, files.stream().mapToLong(SourceMessage.StagedFile::rows).sum());
    for (SourceMessage.StagedFile file : files) {
      assertEquals(work, file.file().getParent());
      assertTrue(Files.size(file.file()) < 2 << 20, "a file stays near its size");
    }
    SourceReads reads = new SourceReads();
    for (SourceMessage message : messages) {
      reads.accept(message);
    }
    assertEquals(
        30000, reads.rows("shop.wide").stream().map(row -> row.value("id")).distinct().count());
    assertTrue(messages.get(messages.size() - 1) instanceof SourceMessage.StreamEnd);
  }

  @Test
  void closingDuringCopyStopsTheServerQueryPromptly() throws Exception {
    database.execute(
        "CREATE TABLE shop.big (id int, payload text)",
        "INSERT INTO shop.big SELECT g, repeat(md5(g::text), 4) FROM generate_series(1, 150000) g");
    ConnectorConfig config = database.config(Map.of("staged_file_mb", 1));
    SourceStream big =
        connector.discover(config).stream()
            .filter(stream -> stream.name().equals("shop.big"))
            .findFirst()
            .orElseThrow();
    ConfiguredStream configured =
        new ConfiguredStream(
            big, SyncMode.FULL_REFRESH_OVERWRITE, Optional.empty(), List.of(), StreamState.EMPTY);
    SourceReader reader =
        connector.read(config, new ReadRequest(List.of(configured), "big", work, 100));
    Optional<SourceMessage> first = Optional.empty();
    while (first.isEmpty()) {
      first = reader.poll(Duration.ofSeconds(30));
    }
    assertTrue(first.get() instanceof SourceMessage.StagedFile, first.get().toString());
    long start = System.nanoTime();
    reader.close();
    assertTrue(
        Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0,
        "close returns promptly");
    assertFalse(reader.isFinished(), "a closed read did not finish its stream");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    long sessions;
    do {
      Thread.sleep(50);
      sessions = sessionsOn(database.name);
    } while (sessions > 1 && System.nanoTime() < deadline);
    assertEquals(1, sessions, "only the test's own session is left");
  }

  private static long sessionsOn(String name) throws Exception {
    try (java.sql.Connection admin = PostgresDatabase.connect("dp_test");
        java.sql.PreparedStatement query =
            admin.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ?")) {
      query.setString(1, name);
      try (java.sql.ResultSet result = query.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  @Test
  void changeDataCaptureReadsTheKeyedTableAndReleasesItsSlot() throws Exception {
    SourceStream stream = stream();
    assertTrue(stream.syncModes().contains(SyncMode.CDC), "CDC is offered for a keyed table");
    ConnectorConfig config = database.config(Map.of("cdc_idle_stop_seconds", 2));
    ConfiguredStream cdc =
        new ConfiguredStream(
            stream, SyncMode.CDC, Optional.empty(), List.of("id"), StreamState.EMPTY);
    SourceReads reads;
    try (SourceReader reader =
        connector.read(config, new ReadRequest(List.of(cdc), "types", work, 100))) {
      reads = SourceReads.drain(reader, Duration.ofSeconds(60));
    }
    assertEquals(2, reads.rows("shop.every_type").size(), "the snapshot holds both rows");
    assertEquals(Boolean.TRUE, connector.sourceStatus(config, "types").get("slot_exists"));
    connector.release(config, "types");
    assertEquals(Boolean.FALSE, connector.sourceStatus(config, "types").get("slot_exists"));
  }

  @Test
  void readOfADroppedTableSaysWhich() throws Exception {
    SourceStream stream = stream();
    database.execute("DROP TABLE shop.every_type");
    DpException error =
        assertThrows(
            DpException.class,
            () ->
                read(
                    database.config(Map.of()),
                    stream,
                    SyncMode.FULL_REFRESH_OVERWRITE,
                    StreamState.EMPTY));
    assertTrue(
        error
            .getMessage()
            .startsWith("Cannot read stream shop.every_type: the table does not exist"),
        error.getMessage());
  }

  private SourceStream stream() {
    return connector.discover(database.config(Map.of())).stream()
        .filter(stream -> stream.name().equals("shop.every_type"))
        .findFirst()
        .orElseThrow();
  }

  private List<SourceMessage> messages(SyncMode mode, Map<String, Object> overrides)
      throws Exception {
    return read(database.config(overrides), stream(), mode, StreamState.EMPTY);
  }

  private List<SourceMessage> read(
      ConnectorConfig config, SourceStream stream, SyncMode mode, StreamState state)
      throws Exception {
    Optional<String> cursor =
        mode == SyncMode.INCREMENTAL_APPEND ? Optional.of("id") : Optional.empty();
    ConfiguredStream configured =
        new ConfiguredStream(stream, mode, cursor, stream.primaryKey(), state);
    try (SourceReader reader =
        connector.read(config, new ReadRequest(List.of(configured), "types", work, 100))) {
      return SourceReads.drain(reader, Duration.ofSeconds(60)).messages;
    }
  }
}

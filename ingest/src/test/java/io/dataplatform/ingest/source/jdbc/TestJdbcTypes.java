package io.dataplatform.ingest.source.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import io.dataplatform.api.connector.CheckResult;
import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.ReadRequest;
import io.dataplatform.api.connector.SourceMessage;
import io.dataplatform.api.connector.SourceReader;
import io.dataplatform.api.connector.SourceRecord;
import io.dataplatform.api.connector.SourceStream;
import io.dataplatform.api.connector.StreamState;
import io.dataplatform.api.connector.SyncMode;
import io.dataplatform.ingest.source.SourceReads;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
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

/** The generic type mapping over H2, and the generic connector's errors. */
class TestJdbcTypes {
  private static final String UUID_TEXT = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";

  @TempDir Path work;
  private final String url = "jdbc:h2:mem:dp_" + UUID.randomUUID().toString().replace("-", "");
  private Connection keepAlive;
  private final JdbcConnector connector = new JdbcConnector();

  @BeforeEach
  void createTable() throws SQLException {
    keepAlive = DriverManager.getConnection(url, "sa", "pw-123456");
    try (Statement statement = keepAlive.createStatement()) {
      statement.execute(
          "CREATE TABLE EVERY_TYPE (ID INT PRIMARY KEY, C_BOOL BOOLEAN, C_TINY TINYINT, C_SMALL"
              + " SMALLINT, C_BIG BIGINT, C_REAL REAL, C_DOUBLE DOUBLE PRECISION, C_DEC"
              + " DECIMAL(10,2), C_DEC_WIDE NUMERIC(50,2), C_VARCHAR VARCHAR(20), C_CHAR CHAR(3),"
              + " C_CLOB CLOB, C_BINARY VARBINARY(10), C_BLOB BLOB, C_DATE DATE, C_TIME TIME,"
              + " C_TS TIMESTAMP(6), C_TSTZ TIMESTAMP(3) WITH TIME ZONE, C_UUID UUID, C_JSON JSON)");
      statement.execute(
          "INSERT INTO EVERY_TYPE VALUES (1, TRUE, -5, 300, 9000000000, 1.5, 2.25, 12.34,"
              + " 123456789012345678901234567890123456789012345678.25, 'abc', 'ab', 'long text',"
              + " X'0102FF', X'00', DATE '2024-02-29', TIME '13:45:30', TIMESTAMP '2024-02-29"
              + " 13:45:30.123456', TIMESTAMP WITH TIME ZONE '2024-02-29 13:45:30.5+02:00', '"
              + UUID_TEXT
              + "', JSON '{\"a\":1}')");
      statement.execute("INSERT INTO EVERY_TYPE (ID, C_VARCHAR) VALUES (2, '')");
      statement.execute("CREATE VIEW EVERY_VIEW AS SELECT ID, C_VARCHAR FROM EVERY_TYPE");
    }
  }

  @AfterEach
  void drop() throws SQLException {
    try (Statement statement = keepAlive.createStatement()) {
      statement.execute("SHUTDOWN");
    }
    keepAlive.close();
  }

  @Test
  void discoveryMapsEveryType() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("ID", "int");
    expected.put("C_BOOL", "boolean");
    expected.put("C_TINY", "int");
    expected.put("C_SMALL", "int");
    expected.put("C_BIG", "long");
    expected.put("C_REAL", "float");
    expected.put("C_DOUBLE", "double");
    expected.put("C_DEC", "decimal(10, 2)");
    expected.put("C_DEC_WIDE", "string");
    expected.put("C_VARCHAR", "string");
    expected.put("C_CHAR", "string");
    expected.put("C_CLOB", "string");
    expected.put("C_BINARY", "binary");
    expected.put("C_BLOB", "binary");
    expected.put("C_DATE", "date");
    expected.put("C_TIME", "time");
    expected.put("C_TS", "timestamp");
    expected.put("C_TSTZ", "timestamptz");
    expected.put("C_UUID", "uuid");
    expected.put("C_JSON", "json");
    SourceStream stream = stream("PUBLIC.EVERY_TYPE");
    Map<String, String> actual = new LinkedHashMap<>();
    stream.columns().forEach(column -> actual.put(column.name(), column.type().toString()));
    assertEquals(expected, actual);
    assertEquals(List.of("ID"), stream.primaryKey());
    assertFalse(stream.syncModes().contains(SyncMode.CDC), "the generic connector has no CDC");
    assertEquals(
        List.of(
            "ID",
            "C_TINY",
            "C_SMALL",
            "C_BIG",
            "C_REAL",
            "C_DOUBLE",
            "C_DEC",
            "C_VARCHAR",
            "C_CHAR",
            "C_DATE",
            "C_TS",
            "C_TSTZ"),
        stream.cursorCandidates());
    assertEquals(List.of(), stream("PUBLIC.EVERY_VIEW").primaryKey(), "views are offered too");
  }

  @Test
  void readsJavaValues() throws Exception {
    Map<String, Object> row = new HashMap<>();
    Map<String, Object> empty = new HashMap<>();
    for (SourceMessage message : read(SyncMode.FULL_REFRESH_OVERWRITE, Optional.empty()).messages) {
      if (message instanceof SourceMessage.RecordBatch batch) {
        for (SourceRecord record : batch.records()) {
          Map<String, Object> target = record.values()[0].equals(1) ? row : empty;
          for (int i = 0; i < batch.columns().size(); i++) {
            target.put(batch.columns().get(i).name(), record.values()[i]);
          }
        }
      }
    }
    assertEquals(true, row.get("C_BOOL"));
    assertEquals(-5, row.get("C_TINY"));
    assertEquals(300, row.get("C_SMALL"));
    assertEquals(9_000_000_000L, row.get("C_BIG"));
    assertEquals(1.5f, row.get("C_REAL"));
    assertEquals(2.25d, row.get("C_DOUBLE"));
    assertEquals(new BigDecimal("12.34"), row.get("C_DEC"));
    assertEquals("123456789012345678901234567890123456789012345678.25", row.get("C_DEC_WIDE"));
    assertEquals("abc", row.get("C_VARCHAR"));
    assertEquals("ab ", row.get("C_CHAR"));
    assertEquals("long text", row.get("C_CLOB"));
    assertArrayEquals(new byte[] {1, 2, (byte) 255}, (byte[]) row.get("C_BINARY"));
    assertArrayEquals(new byte[] {0}, (byte[]) row.get("C_BLOB"));
    assertEquals(LocalDate.of(2024, 2, 29), row.get("C_DATE"));
    assertEquals(LocalTime.of(13, 45, 30), row.get("C_TIME"));
    assertEquals(LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_456_000), row.get("C_TS"));
    assertEquals(
        Instant.parse("2024-02-29T11:45:30.5Z"), ((OffsetDateTime) row.get("C_TSTZ")).toInstant());
    assertEquals(UUID.fromString(UUID_TEXT), row.get("C_UUID"));
    assertEquals("{\"a\":1}", row.get("C_JSON"));
    assertEquals("", empty.get("C_VARCHAR"));
    assertNull(empty.get("C_TSTZ"));
  }

  @Test
  void everyCursorKindResumes() throws Exception {
    for (String cursor : List.of("C_BIG", "C_DEC", "C_VARCHAR", "C_DATE", "C_TS", "C_TSTZ")) {
      SourceReads first = read(SyncMode.INCREMENTAL_APPEND, Optional.of(cursor));
      StreamState state = first.lastCheckpoint("PUBLIC.EVERY_TYPE").orElseThrow().state();
      assertEquals(cursor, state.value("cursor").orElseThrow());
      assertEquals(0, read(state, Optional.of(cursor)).rows("PUBLIC.EVERY_TYPE").size(), cursor);
    }
  }

  @Test
  void genericMappingOfTypeCodes() {
    assertEquals(DataType.STRING, JdbcTypes.map(Types.OTHER, "INTERVAL", 0, 0));
    assertEquals(DataType.DOUBLE, JdbcTypes.map(Types.FLOAT, "FLOAT", 53, 0));
    assertEquals(DataType.STRING, JdbcTypes.map(Types.DECIMAL, "DECIMAL", 0, 0));
    assertEquals(DataType.decimal(38, 0), JdbcTypes.map(Types.NUMERIC, "NUMBER", 38, 0));
    assertEquals(DataType.TIMESTAMPTZ, JdbcTypes.map(Types.TIMESTAMP_WITH_TIMEZONE, "X", 0, 0));
    assertFalse(JdbcTypes.orderable(Types.CLOB, DataType.STRING), "large objects do not sort");
  }

  @Test
  void aCursorThatCannotSortIsRefused() {
    DpException error =
        assertThrows(
            DpException.class, () -> read(SyncMode.INCREMENTAL_APPEND, Optional.of("C_BLOB")));
    assertEquals(
        "Cannot read stream PUBLIC.EVERY_TYPE incrementally: the column C_BLOB cannot be a cursor"
            + " (BINARY LARGE OBJECT); use a number, date, timestamp or string column",
        error.getMessage());
  }

  @Test
  void aStateOfAnotherCursorIsRefused() {
    StreamState other = new StreamState(Map.of("cursor", "C_DATE", "cursor_value", "2024-01-01"));
    DpException error = assertThrows(DpException.class, () -> read(other, Optional.of("C_TS")));
    assertEquals(
        "Cannot read stream PUBLIC.EVERY_TYPE incrementally: its state belongs to the cursor"
            + " C_DATE, not C_TS; reset the stream to change the cursor (dp sync <connection>"
            + " --reset-stream PUBLIC.EVERY_TYPE)",
        error.getMessage());
  }

  @Test
  void aMissingDriverClassIsNamed() {
    ConnectorConfig config =
        new ConnectorConfig(
            "jdbc", Map.of("url", "jdbc:nothing:x", "driver", "com.example.NoSuchDriver"));
    CheckResult result = connector.check(config);
    assertFalse(result.isSuccess());
    assertEquals(
        "Cannot connect to jdbc source jdbc:nothing:x: the driver class is not on the class path"
            + " (com.example.NoSuchDriver)",
        result.message());
  }

  @Test
  void aUrlWithoutDriverIsExplained() {
    CheckResult result =
        connector.check(new ConnectorConfig("jdbc", Map.of("url", "jdbc:nothing:x")));
    assertEquals(
        "Cannot connect to jdbc source jdbc:nothing:x: no driver on the class path accepts the URL",
        result.message());
  }

  @Test
  void passwordsInTheUrlAreNeverShown() {
    ConnectorConfig config =
        new ConnectorConfig(
            "jdbc", Map.of("url", url + ";PASSWORD=secret-in-url", "user", "nobody"));
    DpException error = assertThrows(DpException.class, () -> connector.discover(config));
    assertTrue(error.getMessage().startsWith("Cannot connect to jdbc source "), error.getMessage());
    assertFalse(error.getMessage().contains("secret-in-url"), error.getMessage());
  }

  @Test
  void anUnknownSchemaIsNamed() {
    ConnectorConfig config =
        new ConnectorConfig(
            "jdbc",
            Map.of("url", url, "user", "sa", "password", "pw-123456", "schemas", List.of("nope")));
    DpException error = assertThrows(DpException.class, () -> connector.discover(config));
    assertEquals(
        "Cannot discover jdbc source: the schema nope does not exist (known: INFORMATION_SCHEMA,"
            + " PUBLIC)",
        error.getMessage());
  }

  private ConnectorConfig config() {
    return new ConnectorConfig("jdbc", Map.of("url", url, "user", "sa", "password", "pw-123456"));
  }

  private SourceStream stream(String name) {
    return connector.discover(config()).stream()
        .filter(stream -> stream.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private SourceReads read(SyncMode mode, Optional<String> cursor) throws Exception {
    return read(mode, cursor, StreamState.EMPTY);
  }

  private SourceReads read(StreamState state, Optional<String> cursor) throws Exception {
    return read(SyncMode.INCREMENTAL_APPEND, cursor, state);
  }

  private SourceReads read(SyncMode mode, Optional<String> cursor, StreamState state)
      throws Exception {
    SourceStream stream = stream("PUBLIC.EVERY_TYPE");
    ConfiguredStream configured = new ConfiguredStream(stream, mode, cursor, List.of("ID"), state);
    try (SourceReader reader =
        connector.read(config(), new ReadRequest(List.of(configured), "types", work, 10))) {
      return SourceReads.drain(reader, Duration.ofSeconds(30));
    }
  }
}

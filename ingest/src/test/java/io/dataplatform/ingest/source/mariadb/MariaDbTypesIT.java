package io.dataplatform.ingest.source.mariadb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.connector.ConfiguredStream;
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

/** Every MariaDB type of the documented mapping: its discovered type and its Java value. */
class MariaDbTypesIT {
  private static final String UUID_TEXT = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";

  @TempDir Path work;
  private MariaDbDatabase database;
  private final MariaDbConnector connector = new MariaDbConnector();

  @BeforeEach
  void createTable() throws Exception {
    database = new MariaDbDatabase();
    database.execute(
        "CREATE TABLE every_type (id int AUTO_INCREMENT PRIMARY KEY, c_bool boolean, c_tiny"
            + " tinyint, c_small smallint, c_medium mediumint, c_int_unsigned int unsigned,"
            + " c_big bigint, c_big_unsigned bigint unsigned, c_dec decimal(10,2), c_dec_wide"
            + " decimal(65,4), c_float float, c_double double, c_char char(3), c_varchar"
            + " varchar(20), c_text text, c_enum enum('sad','happy'), c_binary varbinary(10),"
            + " c_blob blob, c_date date, c_time time(3), c_datetime datetime(6), c_timestamp"
            + " timestamp(3) NULL, c_year year, c_json json, c_bit bit(1), c_uuid uuid)",
        "INSERT INTO every_type (c_bool, c_tiny, c_small, c_medium, c_int_unsigned, c_big,"
            + " c_big_unsigned, c_dec, c_dec_wide, c_float, c_double, c_char, c_varchar, c_text,"
            + " c_enum, c_binary, c_blob, c_date, c_time, c_datetime, c_timestamp, c_year, c_json,"
            + " c_bit, c_uuid) VALUES (true, -5, 300, 70000, 4000000000, 9000000000,"
            + " 18446744073709551615, 12.34, 123456789012345678901234567890.1234, 1.5, 2.25, 'ab',"
            + " 'abc', 'hello', 'happy', x'0102ff', x'00', '2024-02-29', '13:45:30.123',"
            + " '2024-02-29 13:45:30.123456', '2024-02-29 11:45:30.500', 2024, '{\"a\": 1}', b'1', '"
            + UUID_TEXT
            + "')",
        "INSERT INTO every_type (c_text) VALUES ('')");
  }

  @AfterEach
  void dropDatabase() throws Exception {
    database.close();
  }

  @Test
  void discoveryMapsEveryType() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("id", "int");
    expected.put("c_bool", "boolean");
    expected.put("c_tiny", "int");
    expected.put("c_small", "int");
    expected.put("c_medium", "int");
    expected.put("c_int_unsigned", "long");
    expected.put("c_big", "long");
    expected.put("c_big_unsigned", "decimal(20, 0)");
    expected.put("c_dec", "decimal(10, 2)");
    expected.put("c_dec_wide", "string");
    expected.put("c_float", "float");
    expected.put("c_double", "double");
    expected.put("c_char", "string");
    expected.put("c_varchar", "string");
    expected.put("c_text", "string");
    expected.put("c_enum", "string");
    expected.put("c_binary", "binary");
    expected.put("c_blob", "binary");
    expected.put("c_date", "date");
    expected.put("c_time", "time");
    expected.put("c_datetime", "timestamp");
    expected.put("c_timestamp", "timestamptz");
    expected.put("c_year", "int");
    expected.put("c_json", "string");
    expected.put("c_bit", "boolean");
    expected.put("c_uuid", "uuid");
    SourceStream stream = stream();
    Map<String, String> actual = new LinkedHashMap<>();
    stream.columns().forEach(column -> actual.put(column.name(), column.type().toString()));
    assertEquals(expected, actual);
    assertEquals(List.of("id"), stream.primaryKey());
    assertTrue(stream.syncModes().contains(SyncMode.CDC), "a table with a key offers CDC");
    assertTrue(stream.cursorCandidates().contains("c_timestamp"));
    assertFalse(stream.cursorCandidates().contains("c_enum"), "enums sort by declaration");
  }

  @Test
  void readsJavaValues() throws Exception {
    Map<String, Object> row = new HashMap<>();
    Map<String, Object> empty = new HashMap<>();
    SourceStream stream = stream();
    ConfiguredStream configured =
        new ConfiguredStream(
            stream,
            SyncMode.FULL_REFRESH_OVERWRITE,
            Optional.empty(),
            List.of(),
            StreamState.EMPTY);
    List<SourceMessage> messages;
    try (SourceReader reader =
        connector.read(
            database.config(Map.of()), new ReadRequest(List.of(configured), "types", work, 100))) {
      messages = SourceReads.drain(reader, Duration.ofSeconds(60)).messages;
    }
    for (SourceMessage message : messages) {
      if (message instanceof SourceMessage.RecordBatch batch) {
        for (SourceRecord record : batch.records()) {
          Map<String, Object> target = record.values()[0].equals(1) ? row : empty;
          for (int i = 0; i < batch.columns().size(); i++) {
            target.put(batch.columns().get(i).name(), record.values()[i]);
          }
        }
      }
    }
    assertEquals(true, row.get("c_bool"));
    assertEquals(-5, row.get("c_tiny"));
    assertEquals(300, row.get("c_small"));
    assertEquals(70000, row.get("c_medium"));
    assertEquals(4_000_000_000L, row.get("c_int_unsigned"));
    assertEquals(9_000_000_000L, row.get("c_big"));
    assertEquals(new BigDecimal("18446744073709551615"), row.get("c_big_unsigned"));
    assertEquals(new BigDecimal("12.34"), row.get("c_dec"));
    assertEquals("123456789012345678901234567890.1234", row.get("c_dec_wide"));
    assertEquals(1.5f, row.get("c_float"));
    assertEquals(2.25d, row.get("c_double"));
    assertEquals("ab", row.get("c_char"));
    assertEquals("abc", row.get("c_varchar"));
    assertEquals("hello", row.get("c_text"));
    assertEquals("happy", row.get("c_enum"));
    assertArrayEquals(new byte[] {1, 2, (byte) 255}, (byte[]) row.get("c_binary"));
    assertArrayEquals(new byte[] {0}, (byte[]) row.get("c_blob"));
    assertEquals(LocalDate.of(2024, 2, 29), row.get("c_date"));
    assertEquals(LocalTime.of(13, 45, 30, 123_000_000), row.get("c_time"));
    assertEquals(LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_456_000), row.get("c_datetime"));
    assertEquals(
        Instant.parse("2024-02-29T11:45:30.500Z"),
        ((OffsetDateTime) row.get("c_timestamp")).toInstant());
    assertEquals(2024, row.get("c_year"));
    assertEquals("{\"a\": 1}", row.get("c_json"));
    assertEquals(true, row.get("c_bit"));
    assertEquals(UUID.fromString(UUID_TEXT), row.get("c_uuid"));
    assertEquals("", empty.get("c_text"), "an empty string stays one");
    assertNull(empty.get("c_timestamp"), "NULL stays NULL");
  }

  private SourceStream stream() {
    return connector.discover(database.config(Map.of())).stream()
        .filter(stream -> stream.name().equals(database.name + ".every_type"))
        .findFirst()
        .orElseThrow();
  }
}

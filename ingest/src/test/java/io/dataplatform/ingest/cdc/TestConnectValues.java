package io.dataplatform.ingest.cdc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dataplatform.api.DpException;
import io.dataplatform.api.connector.DataType;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

class TestConnectValues {
  private static Schema named(Schema.Type type, String name) {
    return new SchemaBuilder(type).name(name).optional().build();
  }

  @Test
  void debeziumTemporalEncodingsBecomeJavaTimeValues() {
    assertEquals(
        LocalDate.of(2024, 3, 1),
        ConnectValues.convert(
            (int) LocalDate.of(2024, 3, 1).toEpochDay(),
            named(Schema.Type.INT32, "io.debezium.time.Date"),
            DataType.DATE,
            "d"));
    assertEquals(
        LocalTime.of(10, 30, 0, 123_456_000),
        ConnectValues.convert(
            LocalTime.of(10, 30, 0, 123_456_000).toNanoOfDay() / 1000,
            named(Schema.Type.INT64, "io.debezium.time.MicroTime"),
            DataType.TIME,
            "t"));
    assertEquals(
        LocalDateTime.parse("2024-01-01T10:00:00.123456"),
        ConnectValues.convert(
            1_704_103_200_123_456L,
            named(Schema.Type.INT64, "io.debezium.time.MicroTimestamp"),
            DataType.TIMESTAMP,
            "ts"));
    assertEquals(
        LocalDateTime.parse("2024-01-01T10:00:00.123"),
        ConnectValues.convert(
            1_704_103_200_123L,
            named(Schema.Type.INT64, "io.debezium.time.Timestamp"),
            DataType.TIMESTAMP,
            "ts"));
    assertEquals(
        OffsetDateTime.parse("2024-02-29T22:00:00Z"),
        ConnectValues.convert(
            "2024-02-29T22:00:00Z",
            named(Schema.Type.STRING, "io.debezium.time.ZonedTimestamp"),
            DataType.TIMESTAMPTZ,
            "tz"));
  }

  @Test
  void numbersTakeTheColumnsTypeAndScale() {
    Schema text = SchemaBuilder.string().optional().build();
    assertEquals(
        new BigDecimal("20.10"),
        ConnectValues.convert("20.1", text, DataType.decimal(10, 2), "price"));
    assertEquals(7, ConnectValues.convert((short) 7, Schema.INT16_SCHEMA, DataType.INT, "small"));
    assertEquals(7L, ConnectValues.convert(7, Schema.INT32_SCHEMA, DataType.LONG, "widened"));
    assertEquals(
        true, ConnectValues.convert((short) 1, Schema.INT16_SCHEMA, DataType.BOOLEAN, "b"));
    assertNull(ConnectValues.convert(null, text, DataType.INT, "missing"));
  }

  @Test
  void bytesUuidsAndJsonKeepTheirValues() {
    assertArrayEquals(
        new byte[] {1, 2},
        (byte[])
            ConnectValues.convert(
                ByteBuffer.wrap(new byte[] {1, 2}), Schema.BYTES_SCHEMA, DataType.BINARY, "b"));
    UUID id = UUID.randomUUID();
    assertEquals(
        id,
        ConnectValues.convert(
            id.toString(), named(Schema.Type.STRING, "io.debezium.data.Uuid"), DataType.UUID, "u"));
    assertEquals(
        "{\"a\": 1}",
        ConnectValues.convert(
            "{\"a\": 1}", named(Schema.Type.STRING, "io.debezium.data.Json"), DataType.JSON, "j"));
  }

  @Test
  void aValueThatDoesNotFitSaysWhichColumn() {
    DpException error =
        assertThrows(
            DpException.class,
            () ->
                ConnectValues.convert(
                    "not a number", Schema.STRING_SCHEMA, DataType.decimal(10, 2), "price"));
    assertEquals(
        "Cannot convert a change's value to the column type: Character n is neither a decimal"
            + " digit number, decimal point, nor \"e\" notation exponential mark. (column price,"
            + " type decimal(10, 2), value of String)",
        error.getMessage());
  }

  @Test
  void intervalsAndArraysAreWrittenAsAFullRefreshReadsThem() {
    // PostgreSQL's own output for the same intervals (psql, IntervalStyle postgres)
    Map<String, String> intervals =
        Map.of(
            "P0Y0M1DT2H0M0S", "1 day 02:00:00",
            "P1Y2M3DT4H5M6.5S", "1 year 2 mons 3 days 04:05:06.5",
            "P0Y0M0DT0H0M0S", "00:00:00",
            "P-1Y-2M-3DT-4H-5M-6S", "-1 years -2 mons -3 days -04:05:06",
            "P0Y0M-1DT2H0M0S", "-1 days +02:00:00",
            "P0Y1M0DT0H0M0S", "1 mon",
            "P2Y0M0DT0H0M0S", "2 years",
            "P0Y0M0DT0H0M-0.25S", "-00:00:00.25",
            "P0Y0M1DT0H0M-1S", "1 day -00:00:01");
    Schema interval = SchemaBuilder.string().name("io.debezium.time.Interval").build();
    intervals.forEach(
        (iso, text) ->
            assertEquals(text, ConnectValues.convert(iso, interval, DataType.STRING, "i"), iso));

    Schema ints = SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).build();
    assertEquals(
        "[1,2,null]",
        ConnectValues.convert(java.util.Arrays.asList(1, 2, null), ints, DataType.JSON, "a"));
    Schema texts = SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).build();
    assertEquals(
        "[\"a\",\"b c\",\"q\\\"\"]",
        ConnectValues.convert(List.of("a", "b c", "q\""), texts, DataType.JSON, "t"));
  }
}

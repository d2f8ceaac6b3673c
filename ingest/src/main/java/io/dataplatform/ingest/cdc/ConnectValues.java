package io.dataplatform.ingest.cdc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.DataType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Turns the values Debezium hands over (Kafka Connect types and Debezium's temporal encodings) into
 * the Java class of a column's {@link DataType}.
 */
final class ConnectValues {
  private static final ObjectMapper ARRAYS = new ObjectMapper();

  private ConnectValues() {}

  static Object convert(Object value, Schema schema, DataType target, String column) {
    if (value == null) {
      return null;
    }
    Object natural = natural(value, schema);
    try {
      return coerce(natural, target);
    } catch (RuntimeException e) {
      throw new DpException(
          StandardErrorCode.EXTERNAL_FAILURE,
          "Cannot convert a change's value to the column type: "
              + e.getMessage()
              + " (column "
              + column
              + ", type "
              + target
              + ", value of "
              + natural.getClass().getSimpleName()
              + ")",
          e);
    }
  }

  /** The value as the closest Java type, decoding Debezium's logical types. */
  static Object natural(Object value, Schema schema) {
    String name = schema.name() == null ? "" : schema.name();
    switch (name) {
      case "io.debezium.time.Date":
        return LocalDate.ofEpochDay(((Number) value).longValue());
      case "io.debezium.time.Time":
        return LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000L);
      case "io.debezium.time.MicroTime":
        return LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000L);
      case "io.debezium.time.NanoTime":
        return LocalTime.ofNanoOfDay(((Number) value).longValue());
      case "io.debezium.time.Timestamp":
        return epoch(((Number) value).longValue(), ChronoUnit.MILLIS);
      case "io.debezium.time.MicroTimestamp":
        return epoch(((Number) value).longValue(), ChronoUnit.MICROS);
      case "io.debezium.time.NanoTimestamp":
        return epoch(((Number) value).longValue(), ChronoUnit.NANOS);
      case "io.debezium.time.ZonedTimestamp":
        return OffsetDateTime.parse((String) value);
      case "io.debezium.time.Interval":
        return IntervalText.fromIso((String) value);
      case "io.debezium.data.geometry.Point",
      "io.debezium.data.geometry.Geometry",
      "io.debezium.data.geometry.Geography":
        // the well-known binary form, as a full refresh reads spatial columns
        return natural(((Struct) value).get("wkb"), Schema.OPTIONAL_BYTES_SCHEMA);
      case "org.apache.kafka.connect.data.Date":
        return LocalDate.ofInstant(((java.util.Date) value).toInstant(), ZoneOffset.UTC);
      case "org.apache.kafka.connect.data.Time":
        return LocalTime.ofInstant(((java.util.Date) value).toInstant(), ZoneOffset.UTC);
      case "org.apache.kafka.connect.data.Timestamp":
        return LocalDateTime.ofInstant(((java.util.Date) value).toInstant(), ZoneOffset.UTC);
      default:
        break;
    }
    if (value instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return bytes;
    }
    return value;
  }

  private static LocalDateTime epoch(long amount, ChronoUnit unit) {
    Instant instant = Instant.EPOCH.plus(amount, unit);
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Object coerce(Object value, DataType target) {
    return switch (target.kind()) {
      case BOOLEAN -> value instanceof Boolean ? value : bool(value);
      case INT -> number(value).intValue();
      case LONG -> number(value).longValue();
      case FLOAT -> number(value).floatValue();
      case DOUBLE -> number(value).doubleValue();
      case DECIMAL -> decimal(value).setScale(target.scale(), RoundingMode.HALF_UP);
      case STRING, JSON -> text(value);
      case BINARY -> value instanceof byte[] ? value : text(value).getBytes(StandardCharsets.UTF_8);
      case DATE -> value instanceof LocalDateTime time ? time.toLocalDate() : (LocalDate) value;
      case TIME -> value instanceof String text ? LocalTime.parse(text) : (LocalTime) value;
      case TIMESTAMP -> timestamp(value);
      case TIMESTAMPTZ -> timestampWithZone(value);
      case UUID -> value instanceof UUID ? value : UUID.fromString(text(value));
    };
  }

  private static Boolean bool(Object value) {
    if (value instanceof Number number) {
      return number.longValue() != 0;
    }
    if (value instanceof byte[] bytes) {
      for (byte b : bytes) {
        if (b != 0) {
          return true;
        }
      }
      return false;
    }
    String text = value.toString().trim();
    if (text.equalsIgnoreCase("true") || text.equals("1") || text.equalsIgnoreCase("t")) {
      return true;
    }
    if (text.equalsIgnoreCase("false") || text.equals("0") || text.equalsIgnoreCase("f")) {
      return false;
    }
    throw new IllegalArgumentException("not a boolean");
  }

  private static Number number(Object value) {
    if (value instanceof Number number) {
      return number;
    }
    if (value instanceof Boolean bool) {
      return bool ? 1 : 0;
    }
    return new BigDecimal(value.toString().trim());
  }

  private static BigDecimal decimal(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof Double || value instanceof Float) {
      return BigDecimal.valueOf(((Number) value).doubleValue());
    }
    if (value instanceof Number number) {
      return BigDecimal.valueOf(number.longValue());
    }
    return new BigDecimal(value.toString().trim());
  }

  private static String text(Object value) {
    if (value instanceof byte[] bytes) {
      return HexFormat.of().formatHex(bytes);
    }
    if (value instanceof List<?> array) {
      // a PostgreSQL array, as array_to_json writes it (the full refresh's text of the column)
      try {
        return ARRAYS.writeValueAsString(array);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("cannot write the array as JSON: " + e.getMessage(), e);
      }
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    return value.toString();
  }

  private static LocalDateTime timestamp(Object value) {
    if (value instanceof OffsetDateTime time) {
      return time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }
    if (value instanceof LocalDate date) {
      return date.atStartOfDay();
    }
    if (value instanceof String text) {
      return LocalDateTime.parse(text);
    }
    return (LocalDateTime) value;
  }

  private static OffsetDateTime timestampWithZone(Object value) {
    if (value instanceof LocalDateTime time) {
      return time.atOffset(ZoneOffset.UTC);
    }
    if (value instanceof String text) {
      return OffsetDateTime.parse(text);
    }
    return (OffsetDateTime) value;
  }
}

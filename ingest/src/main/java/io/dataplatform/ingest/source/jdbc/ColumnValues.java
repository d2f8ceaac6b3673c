package io.dataplatform.ingest.source.jdbc;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.DataType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Reads column values from a result set as the Java class {@link DataType.Kind} names, and turns
 * cursor values into text for a {@link io.dataplatform.api.connector.StreamState} and back.
 */
public final class ColumnValues {
  private ColumnValues() {}

  /** The value of column {@code index} (1-based), or {@code null} for SQL NULL. */
  public static Object read(ResultSet row, int index, DataType type) throws SQLException {
    Object value =
        switch (type.kind()) {
          case BOOLEAN -> row.getBoolean(index);
          case INT -> row.getInt(index);
          case LONG -> row.getLong(index);
          case FLOAT -> row.getFloat(index);
          case DOUBLE -> row.getDouble(index);
          case DECIMAL -> decimal(row.getBigDecimal(index), type);
          case STRING, JSON -> row.getString(index);
          case BINARY -> row.getBytes(index);
          case DATE -> row.getObject(index, LocalDate.class);
          case TIME -> row.getObject(index, LocalTime.class);
          case TIMESTAMP -> row.getObject(index, LocalDateTime.class);
          case TIMESTAMPTZ -> row.getObject(index, OffsetDateTime.class);
          case UUID -> uuid(row.getString(index));
        };
    return row.wasNull() ? null : value;
  }

  /** The text kept in a stream state for a cursor value. */
  public static String format(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    return value.toString();
  }

  /**
   * The value a state's text stands for, of the cursor column's Java class, to bind as a parameter.
   */
  public static Object parse(String text, DataType type) {
    try {
      return switch (type.kind()) {
        case INT -> Integer.valueOf(text);
        case LONG -> Long.valueOf(text);
        case FLOAT -> Float.valueOf(text);
        case DOUBLE -> Double.valueOf(text);
        case DECIMAL -> new BigDecimal(text);
        case DATE -> LocalDate.parse(text);
        case TIMESTAMP -> LocalDateTime.parse(text);
        case TIMESTAMPTZ -> OffsetDateTime.parse(text);
        case STRING -> text;
        default -> throw new IllegalArgumentException("a " + type + " column cannot be a cursor");
      };
    } catch (RuntimeException e) {
      throw new DpException(
          StandardErrorCode.INVALID_ARGUMENT,
          "Cannot resume incremental read: the stored cursor value is not a "
              + type
              + " ("
              + text
              + "); reset the stream (dp sync <connection> --reset-stream <stream>)",
          e);
    }
  }

  private static BigDecimal decimal(BigDecimal value, DataType type) {
    if (value == null || value.scale() == type.scale()) {
      return value;
    }
    return value.setScale(type.scale(), RoundingMode.HALF_UP);
  }

  private static UUID uuid(String text) {
    return text == null ? null : UUID.fromString(text.trim());
  }
}

package io.dataplatform.ingest.source.jdbc;

import io.dataplatform.api.connector.DataType;
import java.sql.Types;
import java.util.Locale;

/**
 * The generic mapping of {@link Types} codes to the platform's types, used by the {@code jdbc}
 * connector and as the fallback of the database-specific ones. Documented in {@code
 * docs/ingestion-types.md}; change both together.
 */
public final class JdbcTypes {
  /** Decimals wider than this have no lake type; they are kept exactly as text. */
  public static final int MAX_DECIMAL_PRECISION = 38;

  private JdbcTypes() {}

  /**
   * The platform type of a column.
   *
   * @param jdbcType the {@link Types} code
   * @param typeName the driver's type name, which decides for UUID and JSON columns
   * @param size the column size (precision of decimals)
   * @param digits the decimal digits (scale of decimals)
   */
  public static DataType map(int jdbcType, String typeName, int size, int digits) {
    String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
    if (name.equals("uuid")) {
      return DataType.UUID;
    }
    if (name.equals("json") || name.equals("jsonb")) {
      return DataType.JSON;
    }
    return switch (jdbcType) {
      case Types.BIT, Types.BOOLEAN -> DataType.BOOLEAN;
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> DataType.INT;
      case Types.BIGINT -> DataType.LONG;
      case Types.REAL -> DataType.FLOAT;
      case Types.FLOAT, Types.DOUBLE -> DataType.DOUBLE;
      case Types.NUMERIC, Types.DECIMAL -> decimal(size, digits);
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> DataType.BINARY;
      case Types.DATE -> DataType.DATE;
      case Types.TIME -> DataType.TIME;
      case Types.TIMESTAMP -> DataType.TIMESTAMP;
      case Types.TIMESTAMP_WITH_TIMEZONE -> DataType.TIMESTAMPTZ;
      default -> DataType.STRING;
    };
  }

  /** A decimal of this precision and scale, or text when the lake cannot hold it exactly. */
  public static DataType decimal(int precision, int scale) {
    if (precision >= 1 && precision <= MAX_DECIMAL_PRECISION && scale >= 0 && scale <= precision) {
      return DataType.decimal(precision, scale);
    }
    return DataType.STRING;
  }

  /** Whether the source orders values of this {@link Types} code so they can serve as a cursor. */
  public static boolean orderable(int jdbcType, DataType type) {
    return switch (type.kind()) {
      case INT, LONG, FLOAT, DOUBLE, DECIMAL, DATE, TIMESTAMP, TIMESTAMPTZ -> true;
      case STRING -> isCharacter(jdbcType);
      default -> false;
    };
  }

  /** Whether the code is one of the character string types. */
  public static boolean isCharacter(int jdbcType) {
    return switch (jdbcType) {
      case Types.CHAR,
          Types.VARCHAR,
          Types.LONGVARCHAR,
          Types.NCHAR,
          Types.NVARCHAR,
          Types.LONGNVARCHAR ->
          true;
      default -> false;
    };
  }
}

package io.dataplatform.ingest.source.file;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.DataType;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type names users write in column overrides ({@code decimal(12,2)}, {@code timestamptz}) and
 * the DuckDB types that hold each platform type while files are parsed and staged.
 */
public final class TypeNames {
  private static final Pattern DECIMAL =
      Pattern.compile("(?:decimal|numeric)\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");

  private TypeNames() {}

  /** Parses a user's type name; the names are those of {@link DataType} plus common synonyms. */
  public static DataType parse(String name) {
    String text = name.trim().toLowerCase(Locale.ROOT);
    Matcher decimal = DECIMAL.matcher(text);
    if (decimal.matches()) {
      int precision = Integer.parseInt(decimal.group(1));
      int scale = decimal.group(2) == null ? 0 : Integer.parseInt(decimal.group(2));
      try {
        return DataType.decimal(precision, scale);
      } catch (IllegalArgumentException e) {
        throw unknown(name, e);
      }
    }
    return switch (text) {
      case "boolean", "bool" -> DataType.BOOLEAN;
      case "int", "integer", "int4" -> DataType.INT;
      case "long", "bigint", "int8" -> DataType.LONG;
      case "float", "real", "float4" -> DataType.FLOAT;
      case "double", "float8", "double precision" -> DataType.DOUBLE;
      case "decimal", "numeric" -> DataType.decimal(38, 9);
      case "string", "varchar", "text" -> DataType.STRING;
      case "binary", "bytes", "blob" -> DataType.BINARY;
      case "date" -> DataType.DATE;
      case "time" -> DataType.TIME;
      case "timestamp" -> DataType.TIMESTAMP;
      case "timestamptz", "timestamp with time zone" -> DataType.TIMESTAMPTZ;
      case "uuid" -> DataType.UUID;
      case "json" -> DataType.JSON;
      default -> throw unknown(name, null);
    };
  }

  /** The DuckDB type that holds values of a platform type in staged files. */
  public static String duckType(DataType type) {
    return switch (type.kind()) {
      case BOOLEAN -> "BOOLEAN";
      case INT -> "INTEGER";
      case LONG -> "BIGINT";
      case FLOAT -> "FLOAT";
      case DOUBLE -> "DOUBLE";
      case DECIMAL -> "DECIMAL(" + type.precision() + "," + type.scale() + ")";
      case STRING, JSON -> "VARCHAR";
      case BINARY -> "BLOB";
      case DATE -> "DATE";
      case TIME -> "TIME";
      case TIMESTAMP -> "TIMESTAMP";
      case TIMESTAMPTZ -> "TIMESTAMPTZ";
      case UUID -> "UUID";
    };
  }

  /** The platform type of a DuckDB column type as DESCRIBE names it. */
  public static DataType fromDuck(String duckType) {
    String text = duckType.trim().toUpperCase(Locale.ROOT);
    Matcher decimal = DECIMAL.matcher(text.toLowerCase(Locale.ROOT));
    if (decimal.matches()) {
      int scale = decimal.group(2) == null ? 0 : Integer.parseInt(decimal.group(2));
      return DataType.decimal(Integer.parseInt(decimal.group(1)), scale);
    }
    if (text.endsWith("[]") || text.startsWith("STRUCT") || text.startsWith("MAP")) {
      return DataType.JSON;
    }
    return switch (text) {
      case "BOOLEAN" -> DataType.BOOLEAN;
      case "TINYINT", "SMALLINT", "INTEGER", "UTINYINT", "USMALLINT" -> DataType.INT;
      case "BIGINT", "UINTEGER" -> DataType.LONG;
      case "UBIGINT", "HUGEINT", "UHUGEINT" -> DataType.decimal(38, 0);
      case "FLOAT" -> DataType.FLOAT;
      case "DOUBLE" -> DataType.DOUBLE;
      case "BLOB" -> DataType.BINARY;
      case "DATE" -> DataType.DATE;
      case "TIME" -> DataType.TIME;
      case "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS" -> DataType.TIMESTAMP;
      case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ" -> DataType.TIMESTAMPTZ;
      case "UUID" -> DataType.UUID;
      case "JSON" -> DataType.JSON;
      default -> DataType.STRING;
    };
  }

  private static DpException unknown(String name, Throwable cause) {
    return new DpException(
        StandardErrorCode.INVALID_CONFIGURATION,
        "Cannot read column type: unknown type ("
            + name
            + "); use boolean, int, long, float, double, decimal(p,s), string, binary, date,"
            + " time, timestamp, timestamptz, uuid or json",
        cause);
  }
}

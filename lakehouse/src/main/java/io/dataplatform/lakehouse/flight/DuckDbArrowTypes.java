package io.dataplatform.lakehouse.flight;

import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.flight.sql.FlightSqlColumnMetadata;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Maps DuckDB type names (as {@code information_schema.columns.data_type} and the JDBC driver spell
 * them, e.g. {@code DECIMAL(15,2)}, {@code INTEGER[]}, {@code STRUCT(a INTEGER)}) to the Arrow
 * types DuckDB's own Arrow export produces for them.
 */
final class DuckDbArrowTypes {
  private static final Pattern FIXED_ARRAY = Pattern.compile("(.*)\\[(\\d+)]");
  private static final Pattern PARAMETERS = Pattern.compile("([A-Z_ 0-9]+?)\\s*\\((.*)\\)");
  private static final String TIME_ZONE = "UTC";

  private DuckDbArrowTypes() {}

  /** An Arrow field for a result column, with Flight SQL column metadata attached. */
  static Field field(String name, String duckDbType, ColumnOrigin origin) {
    Field plain = field(name, duckDbType, true);
    FlightSqlColumnMetadata.Builder metadata =
        new FlightSqlColumnMetadata.Builder()
            .typeName(duckDbType)
            .isAutoIncrement(false)
            .isCaseSensitive(isText(duckDbType))
            .isReadOnly(false)
            .isSearchable(true);
    origin.catalog().ifPresent(metadata::catalogName);
    origin.schema().ifPresent(metadata::schemaName);
    origin.table().ifPresent(metadata::tableName);
    precision(duckDbType).ifPresent(metadata::precision);
    scale(duckDbType).ifPresent(metadata::scale);
    Map<String, String> map = metadata.build().getMetadataMap();
    FieldType type =
        new FieldType(origin.nullable(), plain.getType(), plain.getDictionary(), Map.copyOf(map));
    return new Field(name, type, plain.getChildren());
  }

  /**
   * The same field with Flight SQL column metadata (type name, precision, scale) derived from its
   * Arrow type, so JDBC clients see decimal precision on results that carry no DuckDB type names.
   */
  static Field withColumnMetadata(Field field) {
    Map<String, String> metadata = new HashMap<>(field.getMetadata());
    String typeName = typeName(field.getType());
    Map<String, String> derived =
        field(field.getName(), typeName, ColumnOrigin.UNKNOWN).getMetadata();
    derived.forEach(metadata::putIfAbsent);
    FieldType type =
        new FieldType(
            field.isNullable(), field.getType(), field.getDictionary(), Map.copyOf(metadata));
    return new Field(field.getName(), type, field.getChildren());
  }

  /** The DuckDB spelling of an Arrow type, for the types DuckDB exports. */
  static String typeName(ArrowType type) {
    switch (type.getTypeID()) {
      case Bool:
        return "BOOLEAN";
      case Int:
        ArrowType.Int integer = (ArrowType.Int) type;
        String name =
            switch (integer.getBitWidth()) {
              case 8 -> "TINYINT";
              case 16 -> "SMALLINT";
              case 32 -> "INTEGER";
              default -> "BIGINT";
            };
        return integer.getIsSigned() ? name : "U" + name;
      case FloatingPoint:
        return ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.SINGLE
            ? "FLOAT"
            : "DOUBLE";
      case Decimal:
        ArrowType.Decimal decimal = (ArrowType.Decimal) type;
        return "DECIMAL(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
      case Date:
        return "DATE";
      case Time:
        return "TIME";
      case Timestamp:
        return ((ArrowType.Timestamp) type).getTimezone() == null
            ? "TIMESTAMP"
            : "TIMESTAMP WITH TIME ZONE";
      case Interval:
        return "INTERVAL";
      case Binary:
      case LargeBinary:
        return "BLOB";
      case List:
      case LargeList:
      case FixedSizeList:
        return "LIST";
      case Struct:
        return "STRUCT";
      case Map:
        return "MAP";
      case Null:
        return "NULL";
      default:
        return "VARCHAR";
    }
  }

  /** An Arrow field for a DuckDB type, without metadata. */
  static Field field(String name, String duckDbType, boolean nullable) {
    String type = duckDbType.trim();
    if (type.endsWith("[]")) {
      Field element = field("l", type.substring(0, type.length() - 2), true);
      return new Field(
          name, new FieldType(nullable, ArrowType.List.INSTANCE, null), List.of(element));
    }
    Matcher fixed = FIXED_ARRAY.matcher(type);
    if (fixed.matches()) {
      Field element = field("l", fixed.group(1), true);
      ArrowType arrayType = new ArrowType.FixedSizeList(Integer.parseInt(fixed.group(2)));
      return new Field(name, new FieldType(nullable, arrayType, null), List.of(element));
    }
    String upper = type.toUpperCase(Locale.ROOT);
    Matcher parameterized = PARAMETERS.matcher(upper);
    if (parameterized.matches()) {
      String base = parameterized.group(1).trim();
      String arguments = type.substring(type.indexOf('(') + 1, type.lastIndexOf(')'));
      if (base.equals("STRUCT")) {
        return new Field(
            name,
            new FieldType(nullable, ArrowType.Struct.INSTANCE, null),
            structFields(arguments));
      }
      if (base.equals("MAP")) {
        return mapField(name, nullable, arguments);
      }
      if (base.equals("DECIMAL") || base.equals("NUMERIC")) {
        List<String> parts = splitTopLevel(arguments);
        int precision = Integer.parseInt(parts.get(0).trim());
        int scale = parts.size() > 1 ? Integer.parseInt(parts.get(1).trim()) : 0;
        return leaf(name, nullable, new ArrowType.Decimal(precision, scale, 128));
      }
      return leaf(name, nullable, scalar(base));
    }
    return leaf(name, nullable, scalar(upper));
  }

  private static Field leaf(String name, boolean nullable, ArrowType type) {
    return new Field(name, new FieldType(nullable, type, null), null);
  }

  private static List<Field> structFields(String arguments) {
    List<Field> children = new ArrayList<>();
    for (String member : splitTopLevel(arguments)) {
      String trimmed = member.trim();
      String memberName;
      String memberType;
      if (trimmed.startsWith("\"")) {
        int end = trimmed.indexOf('"', 1);
        memberName = trimmed.substring(1, end);
        memberType = trimmed.substring(end + 1).trim();
      } else {
        int space = trimmed.indexOf(' ');
        memberName = trimmed.substring(0, space);
        memberType = trimmed.substring(space + 1).trim();
      }
      children.add(field(memberName, memberType, true));
    }
    return children;
  }

  private static Field mapField(String name, boolean nullable, String arguments) {
    List<String> parts = splitTopLevel(arguments);
    Field key = field("key", parts.get(0), false);
    Field value = field("value", parts.get(1), true);
    Field entries =
        new Field("entries", FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(key, value));
    return new Field(
        name, new FieldType(nullable, new ArrowType.Map(false), null), List.of(entries));
  }

  private static ArrowType scalar(String type) {
    switch (type) {
      case "BOOLEAN", "BOOL", "LOGICAL":
        return ArrowType.Bool.INSTANCE;
      case "TINYINT", "INT1":
        return new ArrowType.Int(8, true);
      case "SMALLINT", "INT2", "SHORT":
        return new ArrowType.Int(16, true);
      case "INTEGER", "INT4", "INT", "SIGNED":
        return new ArrowType.Int(32, true);
      case "BIGINT", "INT8", "LONG":
        return new ArrowType.Int(64, true);
      case "UTINYINT":
        return new ArrowType.Int(8, false);
      case "USMALLINT":
        return new ArrowType.Int(16, false);
      case "UINTEGER":
        return new ArrowType.Int(32, false);
      case "UBIGINT":
        return new ArrowType.Int(64, false);
      case "HUGEINT", "INT128", "UHUGEINT", "UINT128":
        return new ArrowType.Decimal(38, 0, 128);
      case "DECIMAL", "NUMERIC":
        return new ArrowType.Decimal(18, 3, 128);
      case "FLOAT", "REAL", "FLOAT4":
        return new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
      case "DOUBLE", "FLOAT8", "DOUBLE PRECISION":
        return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case "BLOB", "BYTEA", "BINARY", "VARBINARY":
        return ArrowType.Binary.INSTANCE;
      case "DATE":
        return new ArrowType.Date(DateUnit.DAY);
      case "TIME", "TIME WITH TIME ZONE", "TIMETZ":
        return new ArrowType.Time(TimeUnit.MICROSECOND, 64);
      case "TIMESTAMP", "DATETIME", "TIMESTAMP WITHOUT TIME ZONE":
        return new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
      case "TIMESTAMP_S":
        return new ArrowType.Timestamp(TimeUnit.SECOND, null);
      case "TIMESTAMP_MS":
        return new ArrowType.Timestamp(TimeUnit.MILLISECOND, null);
      case "TIMESTAMP_NS":
        return new ArrowType.Timestamp(TimeUnit.NANOSECOND, null);
      case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ":
        return new ArrowType.Timestamp(TimeUnit.MICROSECOND, TIME_ZONE);
      case "INTERVAL":
        return new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO);
      case "NULL", "\"NULL\"":
        return ArrowType.Null.INSTANCE;
      default:
        // VARCHAR, UUID, JSON, ENUM, UNION, BIT and anything newer travel as text.
        return ArrowType.Utf8.INSTANCE;
    }
  }

  /** The JDBC type code that clients see for a DuckDB type. */
  static int jdbcType(String duckDbType) {
    ArrowType type = field("x", duckDbType, true).getType();
    switch (type.getTypeID()) {
      case Bool:
        return Types.BOOLEAN;
      case Int:
        return switch (((ArrowType.Int) type).getBitWidth()) {
          case 8 -> Types.TINYINT;
          case 16 -> Types.SMALLINT;
          case 32 -> Types.INTEGER;
          default -> Types.BIGINT;
        };
      case FloatingPoint:
        return ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.SINGLE
            ? Types.REAL
            : Types.DOUBLE;
      case Decimal:
        return Types.DECIMAL;
      case Date:
        return Types.DATE;
      case Time:
        return Types.TIME;
      case Timestamp:
        return ((ArrowType.Timestamp) type).getTimezone() == null
            ? Types.TIMESTAMP
            : Types.TIMESTAMP_WITH_TIMEZONE;
      case Binary:
        return Types.VARBINARY;
      case List:
      case FixedSizeList:
        return Types.ARRAY;
      case Struct:
        return Types.STRUCT;
      case Null:
        return Types.NULL;
      case Utf8:
        return Types.VARCHAR;
      default:
        return Types.OTHER;
    }
  }

  private static Optional<Integer> precision(String duckDbType) {
    ArrowType type = field("x", duckDbType, true).getType();
    return switch (type.getTypeID()) {
      case Decimal -> Optional.of(((ArrowType.Decimal) type).getPrecision());
      case Int ->
          Optional.of(
              switch (((ArrowType.Int) type).getBitWidth()) {
                case 8 -> 3;
                case 16 -> 5;
                case 32 -> 10;
                default -> 19;
              });
      case FloatingPoint ->
          Optional.of(
              ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.SINGLE
                  ? 7
                  : 15);
      case Date -> Optional.of(10);
      case Time -> Optional.of(15);
      case Timestamp -> Optional.of(26);
      default -> Optional.empty();
    };
  }

  private static Optional<Integer> scale(String duckDbType) {
    ArrowType type = field("x", duckDbType, true).getType();
    return switch (type.getTypeID()) {
      case Decimal -> Optional.of(((ArrowType.Decimal) type).getScale());
      case Int -> Optional.of(0);
      case Time, Timestamp -> Optional.of(6);
      default -> Optional.empty();
    };
  }

  private static boolean isText(String duckDbType) {
    return field("x", duckDbType, true).getType().getTypeID() == ArrowType.ArrowTypeID.Utf8;
  }

  /** Splits on commas that are not inside parentheses or quotes. */
  private static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      } else if (!quoted && depth == 0 && c == ',') {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }
}

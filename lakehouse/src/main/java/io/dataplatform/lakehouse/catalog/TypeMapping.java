package io.dataplatform.lakehouse.catalog;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** Converts between DuckDB type names and Iceberg types. Internal to the lakehouse module. */
public final class TypeMapping {
  private static final Pattern DECIMAL =
      Pattern.compile("(?:DECIMAL|NUMERIC)\\((\\d+),\\s*(\\d+)\\)");

  private TypeMapping() {}

  /** The DuckDB type name of an Iceberg type. */
  public static String duckdbType(Type type) {
    switch (type.typeId()) {
      case BOOLEAN:
        return "BOOLEAN";
      case INTEGER:
        return "INTEGER";
      case LONG:
        return "BIGINT";
      case FLOAT:
        return "FLOAT";
      case DOUBLE:
        return "DOUBLE";
      case DATE:
        return "DATE";
      case TIME:
        return "TIME";
      case TIMESTAMP:
        return ((Types.TimestampType) type).shouldAdjustToUTC() ? "TIMESTAMPTZ" : "TIMESTAMP";
      case STRING:
        return "VARCHAR";
      case UUID:
        return "UUID";
      case FIXED:
      case BINARY:
        return "BLOB";
      case DECIMAL:
        Types.DecimalType decimal = (Types.DecimalType) type;
        return "DECIMAL(" + decimal.precision() + "," + decimal.scale() + ")";
      case LIST:
        return duckdbType(((Types.ListType) type).elementType()) + "[]";
      case MAP:
        Types.MapType map = (Types.MapType) type;
        return "MAP(" + duckdbType(map.keyType()) + ", " + duckdbType(map.valueType()) + ")";
      case STRUCT:
        List<String> fields = new ArrayList<>();
        for (Types.NestedField field : type.asStructType().fields()) {
          fields.add(quote(field.name()) + " " + duckdbType(field.type()));
        }
        return "STRUCT(" + String.join(", ", fields) + ")";
      default:
        throw new DpException(
            StandardErrorCode.NOT_SUPPORTED,
            "Cannot read column type: DuckDB has no equivalent of Iceberg type (" + type + ")");
    }
  }

  /** The Iceberg type of a DuckDB type name as {@code DESCRIBE} prints it. */
  public static Type icebergType(String duckdbType, AtomicInteger ids) {
    String type = duckdbType.trim();
    String upper = type.toUpperCase(Locale.ROOT);
    if (upper.endsWith("[]")) {
      Type element = icebergType(type.substring(0, type.length() - 2), ids);
      return Types.ListType.ofOptional(ids.incrementAndGet(), element);
    }
    if (upper.startsWith("STRUCT(") && upper.endsWith(")")) {
      List<Types.NestedField> fields = new ArrayList<>();
      for (String part : splitTopLevel(type.substring(7, type.length() - 1))) {
        String[] nameAndType = splitName(part.trim());
        fields.add(
            Types.NestedField.optional(
                ids.incrementAndGet(), nameAndType[0], icebergType(nameAndType[1], ids)));
      }
      return Types.StructType.of(fields);
    }
    if (upper.startsWith("MAP(") && upper.endsWith(")")) {
      List<String> parts = splitTopLevel(type.substring(4, type.length() - 1));
      Type key = icebergType(parts.get(0), ids);
      Type value = icebergType(parts.get(1), ids);
      return Types.MapType.ofOptional(ids.incrementAndGet(), ids.incrementAndGet(), key, value);
    }
    Matcher decimal = DECIMAL.matcher(upper);
    if (decimal.matches()) {
      return Types.DecimalType.of(
          Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)));
    }
    return primitive(upper, duckdbType);
  }

  private static Type primitive(String upper, String original) {
    switch (upper) {
      case "BOOLEAN":
        return Types.BooleanType.get();
      case "TINYINT":
      case "SMALLINT":
      case "INTEGER":
      case "UTINYINT":
      case "USMALLINT":
        return Types.IntegerType.get();
      case "BIGINT":
      case "UINTEGER":
        return Types.LongType.get();
      case "HUGEINT":
        // what sum() of BIGINT gives; Iceberg's widest exact type holds its 38 digits
        return Types.DecimalType.of(38, 0);
      case "UBIGINT":
        return Types.DecimalType.of(20, 0);
      case "FLOAT":
        return Types.FloatType.get();
      case "DOUBLE":
        return Types.DoubleType.get();
      case "DATE":
        return Types.DateType.get();
      case "TIME":
        return Types.TimeType.get();
      case "TIMESTAMP":
      case "TIMESTAMP_MS":
      case "TIMESTAMP_S":
        return Types.TimestampType.withoutZone();
      case "TIMESTAMP WITH TIME ZONE":
      case "TIMESTAMPTZ":
        return Types.TimestampType.withZone();
      case "VARCHAR":
        return Types.StringType.get();
      case "BLOB":
        return Types.BinaryType.get();
      case "UUID":
        return Types.UUIDType.get();
      case "DECIMAL":
        return Types.DecimalType.of(18, 3);
      default:
        throw new DpException(
            StandardErrorCode.NOT_SUPPORTED,
            "Cannot store column type: Iceberg has no equivalent of DuckDB type ("
                + original
                + ")");
    }
  }

  /** A DuckDB {@code FIELD_IDS} value for the columns of a schema. */
  public static String fieldIds(Schema schema) {
    List<String> entries = new ArrayList<>();
    for (Types.NestedField field : schema.columns()) {
      entries.add(quote(field.name()) + ": " + fieldIdValue(field.fieldId(), field.type()));
    }
    return "{" + String.join(", ", entries) + "}";
  }

  private static String fieldIdValue(int id, Type type) {
    List<String> entries = new ArrayList<>();
    if (type.isStructType()) {
      for (Types.NestedField field : type.asStructType().fields()) {
        entries.add(quote(field.name()) + ": " + fieldIdValue(field.fieldId(), field.type()));
      }
    } else if (type.isListType()) {
      Types.ListType list = type.asListType();
      entries.add("element: " + fieldIdValue(list.elementId(), list.elementType()));
    } else if (type.isMapType()) {
      Types.MapType map = type.asMapType();
      entries.add("key: " + fieldIdValue(map.keyId(), map.keyType()));
      entries.add("value: " + fieldIdValue(map.valueId(), map.valueType()));
    } else {
      return String.valueOf(id);
    }
    entries.add(0, "__duckdb_field_id: " + id);
    return "{" + String.join(", ", entries) + "}";
  }

  /** Quotes an identifier for DuckDB. */
  public static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** A DuckDB string literal. */
  public static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private static String[] splitName(String field) {
    if (field.startsWith("\"")) {
      int close = field.indexOf('"', 1);
      while (close + 1 < field.length() && field.charAt(close + 1) == '"') {
        close = field.indexOf('"', close + 2);
      }
      return new String[] {
        field.substring(1, close).replace("\"\"", "\""), field.substring(close + 1).trim()
      };
    }
    int space = field.indexOf(' ');
    return new String[] {field.substring(0, space), field.substring(space + 1).trim()};
  }

  private static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      } else if (!quoted && depth == 0 && c == ',') {
        parts.add(text.substring(start, i).trim());
        start = i + 1;
      }
    }
    parts.add(text.substring(start).trim());
    return parts;
  }
}

package io.dataplatform.ingest.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.SourceColumn;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Column types inferred from JSON records, and record fields as values of those types. */
final class JsonValues {
  private JsonValues() {}

  /** The top-level fields of the records as columns, in first-seen order, typed by their values. */
  static List<SourceColumn> infer(List<JsonNode> records, Map<String, DataType> declared) {
    Map<String, DataType> types = new LinkedHashMap<>(declared);
    Map<String, Boolean> seen = new LinkedHashMap<>();
    declared.keySet().forEach(name -> seen.put(name, true));
    for (JsonNode record : records) {
      record
          .fields()
          .forEachRemaining(
              field -> {
                seen.putIfAbsent(field.getKey(), true);
                if (!declared.containsKey(field.getKey()) && !field.getValue().isNull()) {
                  DataType type = typeOf(field.getValue());
                  types.merge(field.getKey(), type, JsonValues::widen);
                }
              });
    }
    List<SourceColumn> columns = new ArrayList<>();
    for (String name : seen.keySet()) {
      DataType type = types.getOrDefault(name, DataType.STRING);
      columns.add(
          SourceColumn.nullable(name, type, declared.containsKey(name) ? "declared" : "json"));
    }
    return columns;
  }

  /** The type a JSON value suggests: numbers, booleans, timestamps and dates, text, or JSON. */
  static DataType typeOf(JsonNode value) {
    if (value.isBoolean()) {
      return DataType.BOOLEAN;
    }
    if (value.isIntegralNumber()) {
      return value.canConvertToLong() ? DataType.LONG : DataType.decimal(38, 0);
    }
    if (value.isNumber()) {
      return DataType.DOUBLE;
    }
    if (value.isTextual()) {
      String text = value.asText();
      if (parses(() -> OffsetDateTime.parse(text))) {
        return DataType.TIMESTAMPTZ;
      }
      if (text.length() == 10 && parses(() -> LocalDate.parse(text))) {
        return DataType.DATE;
      }
      return DataType.STRING;
    }
    return DataType.JSON;
  }

  private static boolean parses(Runnable parse) {
    try {
      parse.run();
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static DataType widen(DataType left, DataType right) {
    if (left.equals(right)) {
      return left;
    }
    boolean numbers =
        (left.equals(DataType.LONG) || left.equals(DataType.DOUBLE))
            && (right.equals(DataType.LONG) || right.equals(DataType.DOUBLE));
    return numbers ? DataType.DOUBLE : DataType.STRING;
  }

  /**
   * The field as a value of {@code type}.
   *
   * @throws IllegalArgumentException when the value does not fit the type
   */
  static Object value(JsonNode node, DataType type) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    String text = node.isValueNode() ? node.asText() : node.toString();
    try {
      return switch (type.kind()) {
        case BOOLEAN -> node.isBoolean() ? node.booleanValue() : parseBoolean(text);
        case INT ->
            node.isIntegralNumber()
                ? Math.toIntExact(node.longValue())
                : Integer.parseInt(text.trim());
        case LONG -> node.isIntegralNumber() ? node.longValue() : Long.parseLong(text.trim());
        case FLOAT -> node.isNumber() ? node.floatValue() : Float.parseFloat(text.trim());
        case DOUBLE -> node.isNumber() ? node.doubleValue() : Double.parseDouble(text.trim());
        case DECIMAL ->
            (node.isNumber() ? node.decimalValue() : new BigDecimal(text.trim()))
                .setScale(type.scale(), RoundingMode.HALF_UP);
        case STRING -> text;
        case JSON -> node.toString();
        case BINARY -> Base64.getDecoder().decode(text);
        case DATE -> LocalDate.parse(text);
        case TIME -> LocalTime.parse(text);
        case TIMESTAMP -> LocalDateTime.parse(text);
        case TIMESTAMPTZ ->
            node.isNumber()
                ? Instant.ofEpochSecond(node.longValue()).atOffset(ZoneOffset.UTC)
                : OffsetDateTime.parse(text);
        case UUID -> UUID.fromString(text);
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the value " + abbreviated(text) + " is not a " + type, e);
    }
  }

  private static boolean parseBoolean(String text) {
    if (text.equalsIgnoreCase("true") || text.equals("1")) {
      return true;
    }
    if (text.equalsIgnoreCase("false") || text.equals("0")) {
      return false;
    }
    throw new IllegalArgumentException("not a boolean");
  }

  private static String abbreviated(String text) {
    return "'" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
  }

  /**
   * Orders two cursor values: as numbers when both are numbers, as instants when both are
   * timestamps with an offset, as text otherwise.
   */
  static int compareCursors(String left, String right) {
    try {
      return new BigDecimal(left).compareTo(new BigDecimal(right));
    } catch (NumberFormatException e) {
      // not numbers
    }
    try {
      return OffsetDateTime.parse(left)
          .toInstant()
          .compareTo(OffsetDateTime.parse(right).toInstant());
    } catch (DateTimeParseException e) {
      return left.compareTo(right);
    }
  }

  /** A cursor field's value as the text kept in the sync state. */
  static String cursorText(JsonNode node) {
    return node.isValueNode() ? node.asText() : node.toString();
  }
}

package io.dataplatform.server.http;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Struct;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the values DuckDB's JDBC driver gives into JSON-friendly ones: numbers stay numbers, times
 * become ISO strings, lists and structs become arrays and objects, bytes become base64.
 */
public final class JsonValues {
  private JsonValues() {}

  public static Object convert(Object value) throws SQLException {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigDecimal
        || value instanceof BigInteger) {
      return value;
    }
    if (value instanceof Double number) {
      return number.isNaN() || number.isInfinite() ? number.toString() : number;
    }
    if (value instanceof Float number) {
      return number.isNaN() || number.isInfinite() ? number.toString() : number;
    }
    if (value instanceof java.sql.Timestamp timestamp) {
      return timestamp.toLocalDateTime().toString();
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate().toString();
    }
    if (value instanceof java.sql.Time time) {
      return time.toLocalTime().toString();
    }
    if (value instanceof TemporalAccessor) {
      return value.toString();
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof Blob blob) {
      return Base64.getEncoder().encodeToString(blob.getBytes(1, (int) blob.length()));
    }
    if (value instanceof Array array) {
      Object[] elements = (Object[]) array.getArray();
      List<Object> list = new ArrayList<>(elements.length);
      for (Object element : elements) {
        list.add(convert(element));
      }
      return list;
    }
    if (value instanceof Struct struct) {
      return structToMap(struct);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> converted = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        converted.put(String.valueOf(entry.getKey()), convert(entry.getValue()));
      }
      return converted;
    }
    return value.toString();
  }

  private static Object structToMap(Struct struct) throws SQLException {
    if (struct instanceof org.duckdb.DuckDBStruct duckStruct) {
      Map<String, Object> converted = new LinkedHashMap<>();
      for (Map.Entry<String, Object> entry : duckStruct.getMap().entrySet()) {
        converted.put(entry.getKey(), convert(entry.getValue()));
      }
      return converted;
    }
    List<Object> list = new ArrayList<>();
    for (Object attribute : struct.getAttributes()) {
      list.add(convert(attribute));
    }
    return list;
  }
}

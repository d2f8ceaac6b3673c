package io.dataplatform.transform.execute;

import io.dataplatform.api.DpException;
import io.dataplatform.transform.TransformErrorCode;
import io.dataplatform.transform.project.UnitTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns a unit test's dict and CSV fixtures into queries that return their rows. */
final class UnitTestFixtures {
  private UnitTestFixtures() {}

  /**
   * A dict or CSV fixture's rows; CSV values are strings (an empty field is NULL).
   *
   * @param columns the columns named by any row, in first-seen order
   */
  record Table(List<String> columns, List<Map<String, Object>> rows, boolean text) {}

  static Table table(UnitTest.Fixture fixture) {
    if (fixture.format() == UnitTest.Format.CSV) {
      List<List<String>> records = SeedLoader.parse(fixture.rows().toString().strip(), ',');
      if (records.isEmpty()) {
        return new Table(List.of(), List.of(), true);
      }
      List<String> header = records.get(0).stream().map(String::strip).toList();
      List<Map<String, Object>> rows = new ArrayList<>();
      for (List<String> record : records.subList(1, records.size())) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          String value = i < record.size() ? record.get(i).strip() : "";
          row.put(header.get(i), value.isEmpty() ? null : value);
        }
        rows.add(row);
      }
      return new Table(header, rows, true);
    }
    Set<String> columns = new LinkedHashSet<>();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Object entry : (List<?>) fixture.rows()) {
      Map<String, Object> row = new LinkedHashMap<>();
      ((Map<?, ?>) entry).forEach((key, value) -> row.put(String.valueOf(key), value));
      columns.addAll(row.keySet());
      rows.add(row);
    }
    return new Table(List.copyOf(columns), rows, false);
  }

  /**
   * A query returning {@code table}'s rows on {@code columns}; a column missing from a row is NULL.
   * Values are cast to the column's type in {@code types} when it has one; otherwise CSV columns
   * get the type their values look like and dict values keep their literal's type.
   */
  static String select(Table table, List<String> columns, Map<String, String> types) {
    Map<String, String> casts = new LinkedHashMap<>();
    for (String column : columns) {
      String type = types.get(column.toLowerCase(Locale.ROOT));
      if (type == null && table.text()) {
        List<List<String>> values = new ArrayList<>();
        for (Map<String, Object> row : table.rows()) {
          Object value = row.get(column);
          values.add(List.of(value == null ? "" : value.toString()));
        }
        type = SeedLoader.infer(values, 0);
      }
      casts.put(column, type);
    }
    if (table.rows().isEmpty()) {
      List<String> items = new ArrayList<>();
      casts.forEach(
          (column, type) ->
              items.add(
                  "cast(null as " + (type == null ? "VARCHAR" : type) + ") as " + quote(column)));
      return "select "
          + (items.isEmpty() ? "null as dbt_no_columns" : String.join(", ", items))
          + " where false";
    }
    List<String> selects = new ArrayList<>();
    for (Map<String, Object> row : table.rows()) {
      List<String> items = new ArrayList<>();
      casts.forEach(
          (column, type) -> {
            String literal = literal(row.get(column));
            items.add(
                (type == null ? literal : "cast(" + literal + " as " + type + ")")
                    + " as "
                    + quote(column));
          });
      selects.add("select " + String.join(", ", items));
    }
    return String.join("\nunion all\n", selects);
  }

  /** Checks that every fixture column is one of the relation's; names the first that is not. */
  static void requireKnown(Table table, List<String> known, String testName, String input) {
    Set<String> lower = new LinkedHashSet<>();
    known.forEach(column -> lower.add(column.toLowerCase(Locale.ROOT)));
    for (String column : table.columns()) {
      if (!lower.contains(column.toLowerCase(Locale.ROOT))) {
        throw new DpException(
            TransformErrorCode.COMPILATION_ERROR,
            "Cannot run unit test "
                + testName
                + ": the fixture of "
                + input
                + " has a column the relation lacks ("
                + column
                + " not in "
                + known
                + ")");
      }
    }
  }

  static String literal(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Boolean bool) {
      return bool ? "true" : "false";
    }
    if (value instanceof Number number) {
      return number.toString();
    }
    return "'" + value.toString().replace("'", "''") + "'";
  }

  static String quote(String column) {
    return '"' + column.replace("\"", "\"\"") + '"';
  }
}

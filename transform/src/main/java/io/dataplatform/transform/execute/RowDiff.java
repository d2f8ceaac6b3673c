package io.dataplatform.transform.execute;

import io.dataplatform.api.DpException;
import io.dataplatform.transform.TransformErrorCode;
import io.dataplatform.transform.jinja.QueryTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The difference between a unit test's expected and actual rows as multisets, on the expected
 * columns only: rows expected but not returned ({@code ---}) and rows returned but not expected
 * ({@code +++}).
 */
record RowDiff(List<String> columns, List<List<String>> missing, List<List<String>> unexpected) {

  static RowDiff of(QueryTable expected, QueryTable actual) {
    List<String> columns = expected.getColumn_names();
    List<Integer> positions = new ArrayList<>();
    List<String> actualNames =
        actual.getColumn_names().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    for (String column : columns) {
      int position = actualNames.indexOf(column.toLowerCase(Locale.ROOT));
      if (position < 0) {
        throw new DpException(
            TransformErrorCode.COMPILATION_ERROR,
            "Cannot compare unit test rows: the model returns no column "
                + column
                + " ("
                + actual.getColumn_names()
                + ")");
      }
      positions.add(position);
    }
    List<List<String>> expectedRows = new ArrayList<>();
    for (List<Object> row : expected.getRows()) {
      expectedRows.add(row.stream().map(RowDiff::text).toList());
    }
    List<List<String>> actualRows = new ArrayList<>();
    for (List<Object> row : actual.getRows()) {
      actualRows.add(positions.stream().map(p -> text(row.get(p))).toList());
    }
    Map<List<String>, Integer> counts = new HashMap<>();
    actualRows.forEach(row -> counts.merge(row, 1, Integer::sum));
    List<List<String>> missing = new ArrayList<>();
    for (List<String> row : expectedRows) {
      if (counts.getOrDefault(row, 0) > 0) {
        counts.merge(row, -1, Integer::sum);
      } else {
        missing.add(row);
      }
    }
    List<List<String>> unexpected = new ArrayList<>();
    for (List<String> row : actualRows) {
      if (counts.getOrDefault(row, 0) > 0) {
        counts.merge(row, -1, Integer::sum);
        unexpected.add(row);
      }
    }
    return new RowDiff(columns, missing, unexpected);
  }

  boolean equal() {
    return missing.isEmpty() && unexpected.isEmpty();
  }

  long differences() {
    return missing.size() + unexpected.size();
  }

  /** The diff as a table: a header line, then {@code ---} and {@code +++} rows. */
  String message() {
    int[] widths = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      widths[i] = columns.get(i).length();
      for (List<List<String>> rows : List.of(missing, unexpected)) {
        for (List<String> row : rows) {
          widths[i] = Math.max(widths[i], row.get(i).length());
        }
      }
    }
    StringBuilder message = new StringBuilder("actual differs from expected:\n\n");
    message.append(line("@@ ", columns, widths));
    missing.forEach(row -> message.append('\n').append(line("---", row, widths)));
    unexpected.forEach(row -> message.append('\n').append(line("+++", row, widths)));
    return message.toString();
  }

  private static String line(String marker, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder(marker);
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      line.append(',').append(cell);
      if (i < cells.size() - 1) {
        line.append(" ".repeat(widths[i] - cell.length() + 1));
      }
    }
    return line.toString();
  }

  /** A value as compared and shown: numbers without trailing zeros, NULL as {@code null}. */
  private static String text(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Number number) {
      try {
        BigDecimal decimal = new BigDecimal(number.toString()).stripTrailingZeros();
        return decimal.toPlainString();
      } catch (NumberFormatException e) {
        return number.toString();
      }
    }
    return value.toString();
  }
}

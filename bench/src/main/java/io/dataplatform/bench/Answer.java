package io.dataplatform.bench;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A query answer with every value normalised so engines can be compared: numbers rounded to two
 * decimal places, dates as ISO text, {@code NULL} for null.
 */
record Answer(List<List<String>> rows) {
  /** Two numbers that differ by at most this much are equal (rounding at the last place). */
  private static final BigDecimal TOLERANCE = new BigDecimal("0.01");

  Answer {
    rows = List.copyOf(requireNonNull(rows, "rows"));
  }

  static Answer of(List<List<Object>> values) {
    List<List<String>> rows = new ArrayList<>(values.size());
    for (List<Object> row : values) {
      List<String> cells = new ArrayList<>(row.size());
      for (Object value : row) {
        cells.add(normalise(value));
      }
      rows.add(List.copyOf(cells));
    }
    return new Answer(rows);
  }

  static String normalise(Object value) {
    if (value == null) {
      return "NULL";
    }
    BigDecimal number = number(value);
    if (number != null) {
      return number.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
    return value.toString();
  }

  private static BigDecimal number(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof BigInteger integer) {
      return new BigDecimal(integer);
    }
    if (value instanceof Double || value instanceof Float) {
      double real = ((Number) value).doubleValue();
      return Double.isFinite(real) ? BigDecimal.valueOf(real) : null;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof Byte) {
      return BigDecimal.valueOf((Byte) value);
    }
    return null;
  }

  /**
   * Compares this answer (the reference) with {@code other}: {@code MATCH} when all rows are equal
   * in order, {@code MATCH (order)} when they are equal only as sets of rows (ties sorted
   * differently), otherwise {@code DIFF} with the first difference.
   */
  String compareWith(Answer other) {
    if (rows.size() != other.rows.size()) {
      return "DIFF: " + rows.size() + " rows vs " + other.rows.size();
    }
    int difference = firstDifference(rows, other.rows);
    if (difference < 0) {
      return "MATCH";
    }
    Comparator<List<String>> order = Comparator.comparing(Object::toString);
    List<List<String>> sorted = rows.stream().sorted(order).toList();
    List<List<String>> otherSorted = other.rows.stream().sorted(order).toList();
    if (firstDifference(sorted, otherSorted) < 0) {
      return "MATCH (order)";
    }
    return "DIFF: row "
        + (difference + 1)
        + " "
        + rows.get(difference)
        + " vs "
        + other.rows.get(difference);
  }

  private static int firstDifference(List<List<String>> left, List<List<String>> right) {
    for (int i = 0; i < left.size(); i++) {
      if (!rowsEqual(left.get(i), right.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean rowsEqual(List<String> left, List<String> right) {
    if (left.size() != right.size()) {
      return false;
    }
    for (int i = 0; i < left.size(); i++) {
      if (!cellsEqual(left.get(i), right.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean cellsEqual(String left, String right) {
    if (left.equals(right)) {
      return true;
    }
    try {
      return new BigDecimal(left).subtract(new BigDecimal(right)).abs().compareTo(TOLERANCE) <= 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}

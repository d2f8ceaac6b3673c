package io.dataplatform.lakehouse.flight;

/** What the Flight endpoint reads from a statement's text: its placeholders and its kind. */
final class SqlPlaceholders {
  private static final java.util.Set<String> QUERY_KEYWORDS =
      java.util.Set.of(
          "SELECT",
          "WITH",
          "VALUES",
          "FROM",
          "TABLE",
          "SHOW",
          "DESCRIBE",
          "EXPLAIN",
          "SUMMARIZE",
          "PIVOT",
          "UNPIVOT");

  private SqlPlaceholders() {}

  /** Whether the statement starts like a query (after comments and opening parentheses). */
  static boolean isQuery(String sql) {
    int i = 0;
    int length = sql.length();
    while (i < length) {
      char c = sql.charAt(i);
      int afterComment = skipComment(sql, i);
      if (afterComment > i) {
        i = afterComment;
      } else if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else {
        break;
      }
    }
    int end = i;
    while (end < length && Character.isLetter(sql.charAt(end))) {
      end++;
    }
    return QUERY_KEYWORDS.contains(sql.substring(i, end).toUpperCase(java.util.Locale.ROOT));
  }

  /**
   * The number of {@code ?} placeholders outside string literals, quoted identifiers and comments.
   */
  static int count(String sql) {
    int count = 0;
    int i = 0;
    int length = sql.length();
    while (i < length) {
      char c = sql.charAt(i);
      int afterComment = skipComment(sql, i);
      if (afterComment > i) {
        i = afterComment;
      } else if (c == '\'' || c == '"') {
        i = skipQuoted(sql, i, c);
      } else {
        if (c == '?') {
          count++;
        }
        i++;
      }
    }
    return count;
  }

  /**
   * The index after a {@code --} or {@code /* *\/} comment starting at {@code i}, else {@code i}.
   */
  private static int skipComment(String sql, int i) {
    if (sql.startsWith("--", i)) {
      int end = sql.indexOf('\n', i);
      return end < 0 ? sql.length() : end + 1;
    }
    if (sql.startsWith("/*", i)) {
      int end = sql.indexOf("*/", i + 2);
      return end < 0 ? sql.length() : end + 2;
    }
    return i;
  }

  private static int skipQuoted(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }
}

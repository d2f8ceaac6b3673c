package io.dataplatform.lakehouse.sql;

import io.dataplatform.api.DpException;
import io.dataplatform.api.SourcePosition;
import io.dataplatform.api.StandardErrorCode;
import java.sql.SQLException;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns DuckDB errors into {@link DpException}s with the position in the user's text. */
final class SqlErrors {
  private static final Pattern LINE = Pattern.compile("(?m)^LINE (\\d+): (.*)$\\n^( *)\\^");

  private SqlErrors() {}

  /**
   * @param executedSql the text DuckDB ran
   * @param toOriginal maps an offset in {@code executedSql} to one in {@code originalSql}
   */
  static DpException convert(
      SQLException error, String executedSql, String originalSql, IntUnaryOperator toOriginal) {
    String message = String.valueOf(error.getMessage());
    if (message.startsWith("Error: ")) {
      message = message.substring(7);
    }
    String headline = message.split("\\n\\s*\\nLINE |\\nLINE ", 2)[0].trim();
    StandardErrorCode code =
        headline.startsWith("Permission Error")
                || headline.contains("configuration has been locked")
                || headline.contains("disabled by configuration")
            ? StandardErrorCode.PERMISSION_DENIED
            : headline.startsWith("Not implemented Error")
                ? StandardErrorCode.NOT_SUPPORTED
                : StandardErrorCode.SQL_ERROR;
    SourcePosition position = position(message, executedSql, originalSql, toOriginal);
    return new DpException(code, "Cannot run SQL: " + headline, position, error);
  }

  private static SourcePosition position(
      String message, String executedSql, String originalSql, IntUnaryOperator toOriginal) {
    Matcher matcher = LINE.matcher(message);
    if (!matcher.find()) {
      return null;
    }
    int line = Integer.parseInt(matcher.group(1));
    String excerpt = matcher.group(2);
    int caret = matcher.group(3).length() - ("LINE " + matcher.group(1) + ": ").length();
    String[] lines = executedSql.split("\n", -1);
    if (line < 1 || line > lines.length || caret < 0) {
      return null;
    }
    String text = lines[line - 1];
    int column = caret;
    if (excerpt.startsWith("...")) {
      String visible = excerpt.substring(3);
      if (visible.endsWith("...")) {
        visible = visible.substring(0, visible.length() - 3);
      }
      int at = text.indexOf(visible);
      if (at < 0) {
        return null;
      }
      column = at + caret - 3;
    }
    int offset = 0;
    for (int i = 0; i < line - 1; i++) {
      offset += lines[i].length() + 1;
    }
    int original = toOriginal.applyAsInt(Math.min(offset + column, executedSql.length()));
    return positionOf(originalSql, original);
  }

  /** The 1-based line and column of an offset. */
  static SourcePosition positionOf(String text, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < Math.min(offset, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new SourcePosition(line, column);
  }

  static DpException permissionDenied(String what) {
    return new DpException(
        StandardErrorCode.PERMISSION_DENIED,
        "Cannot run SQL: " + what + " is not allowed in the lakehouse sandbox");
  }
}

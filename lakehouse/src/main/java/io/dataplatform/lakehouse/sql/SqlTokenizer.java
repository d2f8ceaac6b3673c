package io.dataplatform.lakehouse.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL into tokens, skipping whitespace and comments. Never fails: odd input ends a token.
 */
final class SqlTokenizer {
  private SqlTokenizer() {}

  static List<SqlToken> tokenize(String sql) {
    List<SqlToken> tokens = new ArrayList<>();
    int length = sql.length();
    int i = 0;
    while (i < length) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
        while (i < length && sql.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
        int close = sql.indexOf("*/", i + 2);
        i = close < 0 ? length : close + 2;
      } else if (c == '\'' || c == '"') {
        int end = quotedEnd(sql, i, c);
        SqlToken.Kind kind = c == '\'' ? SqlToken.Kind.STRING : SqlToken.Kind.QUOTED;
        tokens.add(new SqlToken(kind, sql.substring(i, end), i, end));
        i = end;
      } else if (Character.isLetter(c) || c == '_') {
        int end = i + 1;
        while (end < length && isWordPart(sql.charAt(end))) {
          end++;
        }
        tokens.add(new SqlToken(SqlToken.Kind.WORD, sql.substring(i, end), i, end));
        i = end;
      } else if (Character.isDigit(c)) {
        int end = i + 1;
        while (end < length
            && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '.')) {
          end++;
        }
        tokens.add(new SqlToken(SqlToken.Kind.NUMBER, sql.substring(i, end), i, end));
        i = end;
      } else if (c == '?' || c == '$' && i + 1 < length && Character.isDigit(sql.charAt(i + 1))) {
        int end = i + 1;
        while (end < length && Character.isDigit(sql.charAt(end))) {
          end++;
        }
        tokens.add(new SqlToken(SqlToken.Kind.PARAMETER, sql.substring(i, end), i, end));
        i = end;
      } else {
        tokens.add(new SqlToken(SqlToken.Kind.SYMBOL, String.valueOf(c), i, i + 1));
        i++;
      }
    }
    return tokens;
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  private static int quotedEnd(String sql, int start, char quote) {
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

package io.dataplatform.lakehouse.sql;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.util.List;
import org.apache.iceberg.catalog.TableIdentifier;

/** Token-level helpers for picking statements apart. */
final class StatementText {
  private StatementText() {}

  /** A {@code namespace.name} reference found at a token index. */
  record Target(TableIdentifier id, int firstToken, int lastToken) {}

  /** Skips the given words (case-insensitive) if present, returning the next index. */
  static int skipWords(List<SqlToken> tokens, int index, String... words) {
    int i = index;
    for (String word : words) {
      if (i < tokens.size() && tokens.get(i).isWord(word)) {
        i++;
      } else {
        return index;
      }
    }
    return i;
  }

  static boolean wordAt(List<SqlToken> tokens, int index, String word) {
    return index < tokens.size() && tokens.get(index).isWord(word);
  }

  /** The qualified name starting at {@code index}; fails when the name is not qualified. */
  static Target target(String sql, List<SqlToken> tokens, int index, String action) {
    if (index + 2 < tokens.size()
        && tokens.get(index).isIdentifier()
        && tokens.get(index + 1).isSymbol(".")
        && tokens.get(index + 2).isIdentifier()) {
      TableIdentifier id =
          TableIdentifier.of(
              tokens.get(index).identifier().toLowerCase(java.util.Locale.ROOT),
              tokens.get(index + 2).identifier().toLowerCase(java.util.Locale.ROOT));
      return new Target(id, index, index + 2);
    }
    String near = index < tokens.size() ? tokens.get(index).text() : "end of statement";
    throw new DpException(
        StandardErrorCode.SQL_ERROR,
        "Cannot " + action + ": name it as namespace.name (" + near + ")",
        SqlErrors.positionOf(sql, index < tokens.size() ? tokens.get(index).start() : sql.length()),
        null);
  }

  /** The index of the first top-level (not parenthesized) token that is the word, or -1. */
  static int topLevelWord(List<SqlToken> tokens, int from, String word) {
    int depth = 0;
    for (int i = from; i < tokens.size(); i++) {
      SqlToken token = tokens.get(i);
      if (token.isSymbol("(")) {
        depth++;
      } else if (token.isSymbol(")")) {
        depth--;
      } else if (depth == 0 && token.isWord(word)) {
        return i;
      }
    }
    return -1;
  }

  /** The index of the parenthesis closing the one at {@code open}. */
  static int closing(List<SqlToken> tokens, int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      if (tokens.get(i).isSymbol("(")) {
        depth++;
      } else if (tokens.get(i).isSymbol(")") && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** The texts of the comma-separated items between two token indexes (exclusive). */
  static List<String> items(String sql, List<SqlToken> tokens, int open, int close) {
    List<String> items = new java.util.ArrayList<>();
    int depth = 0;
    int start = tokens.get(open).end();
    for (int i = open + 1; i < close; i++) {
      SqlToken token = tokens.get(i);
      if (token.isSymbol("(")) {
        depth++;
      } else if (token.isSymbol(")")) {
        depth--;
      } else if (depth == 0 && token.isSymbol(",")) {
        items.add(sql.substring(start, token.start()).trim());
        start = token.end();
      }
    }
    items.add(sql.substring(start, tokens.get(close).start()).trim());
    return items;
  }
}

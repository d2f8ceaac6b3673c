package io.dataplatform.lakehouse.sql;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * One lexical token of a SQL text.
 *
 * @param start offset of the first character in the text
 * @param end offset after the last character
 */
record SqlToken(Kind kind, String text, int start, int end) {
  enum Kind {
    WORD,
    QUOTED,
    STRING,
    NUMBER,
    SYMBOL,
    PARAMETER
  }

  SqlToken {
    requireNonNull(kind, "kind");
    requireNonNull(text, "text");
  }

  boolean isWord(String word) {
    return kind == Kind.WORD && text.equalsIgnoreCase(word);
  }

  boolean isSymbol(String symbol) {
    return kind == Kind.SYMBOL && text.equals(symbol);
  }

  boolean isIdentifier() {
    return kind == Kind.WORD || kind == Kind.QUOTED;
  }

  /** The identifier's name as the catalog stores it: unquoted words fold to lower case. */
  String identifier() {
    if (kind == Kind.QUOTED) {
      return text.substring(1, text.length() - 1).replace("\"\"", "\"");
    }
    return text.toLowerCase(Locale.ROOT);
  }

  /** The value of a string literal. */
  String stringValue() {
    return text.substring(1, text.length() - 1).replace("''", "'");
  }
}

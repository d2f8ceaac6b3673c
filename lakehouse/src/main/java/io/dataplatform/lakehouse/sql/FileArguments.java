package io.dataplatform.lakehouse.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the string literals a statement passes as the file argument (the first one) of DuckDB's
 * file-reading table functions: {@code read_parquet('f')} or {@code read_parquet(['f', 'g'])}. An
 * argument that is not made of literals alone, and any string elsewhere, is not a file argument.
 */
final class FileArguments {
  /** The table functions whose first argument names the files they read. */
  static final Set<String> FUNCTIONS =
      Set.of(
          "read_parquet",
          "parquet_scan",
          "parquet_metadata",
          "parquet_schema",
          "read_csv",
          "read_csv_auto",
          "read_json",
          "read_json_auto",
          "read_json_objects",
          "read_ndjson",
          "read_ndjson_auto",
          "read_ndjson_objects",
          "read_text",
          "read_blob");

  private FileArguments() {}

  /**
   * One string literal in a file argument.
   *
   * @param function the table function, lower case
   * @param inList whether the literal is an element of a list {@code [...]}
   */
  record FileLiteral(String function, SqlToken literal, boolean inList) {
    FileLiteral {
      requireNonNull(function, "function");
      requireNonNull(literal, "literal");
    }

    /** The literal's value. */
    String value() {
      return literal.stringValue();
    }
  }

  /** The file argument literals of all file-reading calls, in text order. */
  static List<FileLiteral> find(List<SqlToken> tokens) {
    List<FileLiteral> found = new ArrayList<>();
    for (int i = 0; i + 2 < tokens.size(); i++) {
      SqlToken name = tokens.get(i);
      if (name.kind() != SqlToken.Kind.WORD
          || !FUNCTIONS.contains(name.text().toLowerCase(Locale.ROOT))
          || !tokens.get(i + 1).isSymbol("(")
          || (i > 0 && tokens.get(i - 1).isSymbol("."))) {
        continue;
      }
      String function = name.text().toLowerCase(Locale.ROOT);
      SqlToken first = tokens.get(i + 2);
      if (first.kind() == SqlToken.Kind.STRING && endsArgument(tokens, i + 3)) {
        found.add(new FileLiteral(function, first, false));
      } else if (first.isSymbol("[")) {
        found.addAll(listLiterals(tokens, i + 2, function));
      }
    }
    return found;
  }

  /** The elements of a list of string literals opened at {@code open}; none if it is more. */
  private static List<FileLiteral> listLiterals(List<SqlToken> tokens, int open, String function) {
    List<FileLiteral> elements = new ArrayList<>();
    int i = open + 1;
    while (i < tokens.size() && tokens.get(i).kind() == SqlToken.Kind.STRING) {
      elements.add(new FileLiteral(function, tokens.get(i), true));
      i++;
      if (i < tokens.size() && tokens.get(i).isSymbol(",")) {
        i++;
      } else {
        break;
      }
    }
    boolean closed = i < tokens.size() && tokens.get(i).isSymbol("]");
    return closed && endsArgument(tokens, i + 1) ? elements : List.of();
  }

  private static boolean endsArgument(List<SqlToken> tokens, int index) {
    return index < tokens.size()
        && (tokens.get(index).isSymbol(",") || tokens.get(index).isSymbol(")"));
  }
}

package io.dataplatform.lakehouse.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.IntUnaryOperator;

/** Replaces spans of a SQL text and maps offsets in the result back to the original. */
final class TextEdits {
  private TextEdits() {}

  /**
   * One replacement.
   *
   * @param start offset of the first replaced character
   * @param end offset after the last replaced character
   */
  record Edit(int start, int end, String text) {
    Edit {
      requireNonNull(text, "text");
      if (start < 0 || end < start) {
        throw new IllegalArgumentException(
            "Cannot edit SQL: invalid span (" + start + ", " + end + ")");
      }
    }
  }

  /**
   * A rewritten text.
   *
   * @param toOriginal maps an offset in {@code text} to one in the original: inside a replacement,
   *     to the start of what it replaced
   */
  record Edited(String text, IntUnaryOperator toOriginal) {}

  /** Applies edits given in text order, not overlapping. */
  static Edited apply(String sql, List<Edit> edits) {
    if (edits.isEmpty()) {
      return new Edited(sql, offset -> offset);
    }
    StringBuilder text = new StringBuilder();
    int[] newStarts = new int[edits.size()];
    int position = 0;
    for (int i = 0; i < edits.size(); i++) {
      Edit edit = edits.get(i);
      if (edit.start() < position || edit.end() > sql.length()) {
        throw new IllegalArgumentException(
            "Cannot edit SQL: edits overlap or leave the text (" + edit.start() + ")");
      }
      text.append(sql, position, edit.start());
      newStarts[i] = text.length();
      text.append(edit.text());
      position = edit.end();
    }
    text.append(sql.substring(position));
    List<Edit> applied = List.copyOf(edits);
    IntUnaryOperator toOriginal =
        offset -> {
          int shift = 0;
          for (int i = 0; i < applied.size(); i++) {
            Edit edit = applied.get(i);
            if (offset < newStarts[i]) {
              break;
            }
            if (offset < newStarts[i] + edit.text().length()) {
              return edit.start();
            }
            shift = edit.end() - (newStarts[i] + edit.text().length());
          }
          return offset + shift;
        };
    return new Edited(text.toString(), toOriginal);
  }
}

package io.dataplatform.api;

/** A 1-based line and column in a text the user wrote. */
public record SourcePosition(int line, int column) {
  public SourcePosition {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException(
          "Cannot create position: line and column start at 1 (line "
              + line
              + ", column "
              + column
              + ")");
    }
  }
}

package io.dataplatform.lakehouse.write;

import static java.util.Objects.requireNonNull;

/** Where a column of a data file written from a staged file takes its values. */
public sealed interface ColumnSource {
  /** The values of the staged file's column {@code name}. */
  record FileColumn(String name) implements ColumnSource {
    public FileColumn {
      requireNonNull(name, "name");
    }
  }

  /**
   * The same value in every row; {@code null} for a column the file does not have.
   *
   * @param value of the Java class of the column's type, or null
   */
  record Constant(Object value) implements ColumnSource {}
}

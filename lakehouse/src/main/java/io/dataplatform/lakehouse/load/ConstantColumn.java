package io.dataplatform.lakehouse.load;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.connector.SourceColumn;

/**
 * A column with the same value in every row of a staged batch or file (the sync id, the time of
 * extraction).
 *
 * @param value of the Java class of the column's type, or null
 */
public record ConstantColumn(SourceColumn column, Object value) {
  public ConstantColumn {
    requireNonNull(column, "column");
  }
}

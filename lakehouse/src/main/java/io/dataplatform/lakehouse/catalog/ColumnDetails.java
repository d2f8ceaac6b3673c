package io.dataplatform.lakehouse.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A column of a table or view.
 *
 * @param id the Iceberg field id
 * @param type the DuckDB type name, e.g. {@code DECIMAL(15,2)}
 */
public record ColumnDetails(
    int id, String name, String type, boolean nullable, Optional<String> doc) {
  public ColumnDetails {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    requireNonNull(doc, "doc");
  }
}

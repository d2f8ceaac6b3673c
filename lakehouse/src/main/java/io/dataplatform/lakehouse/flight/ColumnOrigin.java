package io.dataplatform.lakehouse.flight;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Where a column comes from, for the Flight SQL column metadata that JDBC clients read.
 *
 * @param catalog the catalog of the column's table, when known
 * @param schema the schema of the column's table, when known
 * @param table the column's table, when known
 * @param nullable whether the column may hold nulls
 */
record ColumnOrigin(
    Optional<String> catalog, Optional<String> schema, Optional<String> table, boolean nullable) {
  static final ColumnOrigin UNKNOWN =
      new ColumnOrigin(Optional.empty(), Optional.empty(), Optional.empty(), true);

  ColumnOrigin {
    requireNonNull(catalog, "catalog");
    requireNonNull(schema, "schema");
    requireNonNull(table, "table");
  }
}

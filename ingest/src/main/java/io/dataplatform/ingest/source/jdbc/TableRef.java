package io.dataplatform.ingest.source.jdbc;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A table or view as {@link java.sql.DatabaseMetaData} names it.
 *
 * @param catalog the catalog (a MariaDB database), when the source uses catalogs
 * @param schema the schema, when the source uses schemas
 */
public record TableRef(Optional<String> catalog, Optional<String> schema, String name) {
  public TableRef {
    requireNonNull(catalog, "catalog");
    requireNonNull(schema, "schema");
    requireNonNull(name, "name");
  }

  /** The namespace the table lives in: its schema, or its catalog when there are no schemas. */
  public String namespace() {
    return schema.or(() -> catalog).orElse("");
  }

  /** The stream name: {@code namespace.table}, or the bare table name without a namespace. */
  public String streamName() {
    String namespace = namespace();
    return namespace.isEmpty() ? name : namespace + "." + name;
  }
}

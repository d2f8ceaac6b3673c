package io.dataplatform.lakehouse.sql;

import static java.util.Objects.requireNonNull;

/**
 * A result column.
 *
 * @param name the column label
 * @param type the DuckDB type name, e.g. {@code INTEGER}, {@code DECIMAL(15,2)}, {@code VARCHAR}
 * @param jdbcType the {@link java.sql.Types} code DuckDB's JDBC driver reports
 */
public record ColumnDescriptor(String name, String type, int jdbcType) {
  public ColumnDescriptor {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
  }
}

package io.dataplatform.ingest.source.jdbc;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.connector.SourceColumn;

/**
 * A column with what reading it needs beyond the platform's view.
 *
 * @param jdbcType the {@link java.sql.Types} code the driver reports
 * @param orderable whether the source compares values of this column in a meaningful order, so it
 *     can serve as an incremental cursor
 */
public record JdbcColumn(SourceColumn column, int jdbcType, boolean orderable) {
  public JdbcColumn {
    requireNonNull(column, "column");
  }

  public String name() {
    return column.name();
  }
}

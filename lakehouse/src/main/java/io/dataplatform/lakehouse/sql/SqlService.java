package io.dataplatform.lakehouse.sql;

import java.util.List;

/**
 * Runs DuckDB-dialect SQL over the lakehouse's Iceberg tables and views. Thread-safe: many
 * statements may run at once.
 */
public interface SqlService {
  /**
   * Runs one statement. Errors in the statement (syntax, unknown table, type errors, refused
   * operations) are thrown as {@link io.dataplatform.api.DpException} with a user error code, a
   * message taken from the engine, and the position in the text when known.
   *
   * @param parameters values for {@code ?} placeholders, in order; empty when there are none
   */
  StatementResult execute(SqlSession session, String sql, List<Object> parameters);

  /**
   * The columns a statement would return, without running it or recording it. Empty for a statement
   * that returns no rows.
   */
  List<ColumnDescriptor> describe(SqlSession session, String sql);
}

package io.dataplatform.lakehouse.sql;

import java.util.List;
import java.util.Optional;

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

  /**
   * Plans a query and prepares it in the engine without running it, so that its columns are known
   * before it runs; the caller runs or closes it. Errors in the statement are thrown as by {@link
   * #execute}.
   *
   * @return empty for a statement this service does not plan apart from running it; run it with
   *     {@link #execute}
   */
  Optional<PlannedQuery> plan(SqlSession session, String sql);
}

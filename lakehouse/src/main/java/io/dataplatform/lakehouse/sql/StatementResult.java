package io.dataplatform.lakehouse.sql;

import java.sql.ResultSet;
import java.util.Optional;

/**
 * The outcome of one statement. A query holds an open DuckDB result that the caller reads (as JDBC
 * rows, or as Arrow batches by unwrapping {@code org.duckdb.DuckDBResultSet} and calling {@code
 * arrowExportStream}); closing the result releases the engine's resources and records the
 * statement's profile in the query history.
 */
public interface StatementResult extends AutoCloseable {
  /** The id under which the statement appears in the query history. */
  String queryId();

  /** The rows of a query; empty for DDL and DML. */
  Optional<ResultSet> rows();

  /** Rows inserted, updated or deleted by DML; 0 for DDL; -1 for a query. */
  long updateCount();

  /** Tells the engine how many rows the caller sent to the client, for the profile. */
  void rowsReturned(long count);

  /**
   * Tells the engine that reading the rows failed part-way (for example, the client went away), so
   * the history records the statement as failed.
   */
  void failed(Throwable error);

  /** Releases the statement's resources and records its profile. Never throws. */
  @Override
  void close();
}

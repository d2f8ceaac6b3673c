package io.dataplatform.lakehouse.sql;

import java.util.List;

/**
 * A query the engine has planned and prepared but not run: its columns are known before its rows.
 * Either {@link #run} it once, or {@link #close} it.
 */
public interface PlannedQuery extends AutoCloseable {
  /** The columns the query returns. */
  List<ColumnDescriptor> columns();

  /**
   * Runs the query; from then on the result owns what the query holds in the engine. Errors are
   * reported as by {@link SqlService#execute}.
   *
   * @throws IllegalStateException when the query already ran or was closed
   */
  StatementResult run();

  /** Releases a query that did not run and records it as not run; does nothing after run. */
  @Override
  void close();
}

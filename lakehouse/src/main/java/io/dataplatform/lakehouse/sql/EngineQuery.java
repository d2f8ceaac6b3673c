package io.dataplatform.lakehouse.sql;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A query whose relations are exposed in its DuckDB session and whose statement DuckDB prepared.
 * Running it hands the session and the statement to the {@link EngineResult}; closing it unrun
 * releases them.
 */
final class EngineQuery implements PlannedQuery {
  private final QueryProfile profile;
  private final DuckSession session;
  private final PreparedStatement statement;
  private final RelationBinder.BoundSql bound;
  private final String sql;
  private final Consumer<QueryProfile> recorder;
  private final Function<RuntimeException, DpException> failure;
  private final AtomicBoolean used = new AtomicBoolean();
  private List<ColumnDescriptor> columns;

  /**
   * @param failure turns an error of the run into the one to report, recording it
   */
  EngineQuery(
      QueryProfile profile,
      DuckSession session,
      PreparedStatement statement,
      RelationBinder.BoundSql bound,
      String sql,
      Consumer<QueryProfile> recorder,
      Function<RuntimeException, DpException> failure) {
    this.profile = requireNonNull(profile, "profile");
    this.session = requireNonNull(session, "session");
    this.statement = requireNonNull(statement, "statement");
    this.bound = requireNonNull(bound, "bound");
    this.sql = requireNonNull(sql, "sql");
    this.recorder = requireNonNull(recorder, "recorder");
    this.failure = requireNonNull(failure, "failure");
  }

  /** The columns of a prepared statement, as DuckDB describes them. */
  static List<ColumnDescriptor> columnsOf(ResultSetMetaData metadata) throws SQLException {
    List<ColumnDescriptor> columns = new ArrayList<>();
    for (int i = 1; i <= metadata.getColumnCount(); i++) {
      columns.add(
          new ColumnDescriptor(
              metadata.getColumnLabel(i),
              metadata.getColumnTypeName(i),
              metadata.getColumnType(i)));
    }
    return columns;
  }

  /** Reads the columns now, so that an error in them is the planner's. */
  EngineQuery describe() {
    try {
      columns = List.copyOf(columnsOf(statement.getMetaData()));
      return this;
    } catch (SQLException e) {
      release();
      throw SqlErrors.convert(e, bound.sql(), sql, bound.toOriginal());
    }
  }

  @Override
  public List<ColumnDescriptor> columns() {
    if (columns == null) {
      throw new IllegalStateException("Cannot list columns: the query was not described");
    }
    return columns;
  }

  @Override
  public StatementResult run() {
    claim();
    try {
      return runClaimed();
    } catch (RuntimeException e) {
      throw failure.apply(e);
    }
  }

  /** Runs the query; an error is converted and the session released, but not recorded. */
  StatementResult execute() {
    claim();
    return runClaimed();
  }

  private void claim() {
    if (!used.compareAndSet(false, true)) {
      throw new IllegalStateException("Cannot run query: it already ran or was closed");
    }
  }

  private StatementResult runClaimed() {
    try {
      profile.cancellation().throwIfCanceled("run query");
      boolean hasRows = statement.execute();
      ResultSet rows = hasRows ? statement.getResultSet() : null;
      long count = hasRows ? -1 : Math.max(0, statement.getUpdateCount());
      return new EngineResult(profile, session, statement, rows, count, recorder);
    } catch (SQLException e) {
      release();
      throw SqlErrors.convert(e, bound.sql(), sql, bound.toOriginal());
    } catch (RuntimeException e) {
      release();
      throw e;
    }
  }

  @Override
  public void close() {
    if (!used.compareAndSet(false, true)) {
      return;
    }
    release();
    profile.failed(new CancellationException("Cannot run query: it was closed before it ran"));
    recorder.accept(profile);
  }

  private void release() {
    try {
      statement.close();
    } catch (SQLException e) {
      // the statement is released with its session in any case
    }
    session.close();
  }
}

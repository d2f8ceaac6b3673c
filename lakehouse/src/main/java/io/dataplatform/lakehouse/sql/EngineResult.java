package io.dataplatform.lakehouse.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** A statement's result; closing it releases the DuckDB database and records the profile. */
final class EngineResult implements StatementResult {
  private final QueryProfile profile;
  private final DuckSession session;
  private final PreparedStatement statement;
  private final ResultSet rows;
  private final long updateCount;
  private final Consumer<QueryProfile> recorder;
  private final AtomicBoolean closed = new AtomicBoolean();

  EngineResult(
      QueryProfile profile,
      DuckSession session,
      PreparedStatement statement,
      ResultSet rows,
      long updateCount,
      Consumer<QueryProfile> recorder) {
    this.profile = profile;
    this.session = session;
    this.statement = statement;
    this.rows = rows;
    this.updateCount = updateCount;
    this.recorder = recorder;
  }

  @Override
  public String queryId() {
    return profile.queryId;
  }

  @Override
  public Optional<ResultSet> rows() {
    return Optional.ofNullable(rows);
  }

  @Override
  public long updateCount() {
    return updateCount;
  }

  @Override
  public void rowsReturned(long count) {
    profile.rows(count);
  }

  @Override
  public void failed(Throwable error) {
    profile.failed(error);
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      if (rows != null) {
        rows.close();
      }
      if (statement != null) {
        statement.close();
      }
    } catch (SQLException e) {
      // closing a finished result cannot lose anything
    } finally {
      if (session != null) {
        session.close();
      }
      recorder.accept(profile);
    }
  }
}

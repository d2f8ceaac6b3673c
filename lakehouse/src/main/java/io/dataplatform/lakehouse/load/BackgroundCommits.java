package io.dataplatform.lakehouse.load;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.duckdb.DuckDBConnection;

/**
 * The commit thread of a load session: runs the commits handed to the background one after the
 * other, in the order they were handed over, on its own connection to the session's staging
 * database, so that the loading thread stages the next rows meanwhile.
 */
final class BackgroundCommits implements AutoCloseable {
  private final DuckDBConnection duck;
  private ExecutorService executor;
  private DuckDBConnection connection;

  BackgroundCommits(DuckDBConnection duck) {
    this.duck = requireNonNull(duck, "duck");
  }

  /** Starts {@code commit} after the commits handed over before it. */
  PendingCommit submit(Function<DuckDBConnection, CommitResult> commit) {
    if (executor == null) {
      start();
    }
    PendingCommit pending = new PendingCommit();
    DuckDBConnection own = connection;
    executor.execute(() -> pending.run(() -> commit.apply(own)));
    return pending;
  }

  private void start() {
    try {
      connection = LoadSession.duplicate(duck);
    } catch (SQLException e) {
      throw new DpException(
          StandardErrorCode.INTERNAL_ERROR,
          "Cannot open a connection for background commits: " + e.getMessage(),
          e);
    }
    executor =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "dp-lake-commit");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Waits for the commits handed over, then closes the connection. */
  @Override
  public void close() {
    if (executor == null) {
      return;
    }
    executor.shutdown();
    boolean interrupted = false;
    while (true) {
      try {
        if (executor.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // the staging database is deleted with the session
    }
  }
}

package io.dataplatform.lakehouse.load;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.apache.iceberg.DataFile;
import org.duckdb.DuckDBConnection;

/**
 * Staged files being converted into data files of a table on worker threads, each conversion on its
 * own connection to the load session's database: the loading thread goes on reading the source
 * while DuckDB converts, and several files are converted at once when the source delivers them
 * faster than one conversion takes. At most twice as many files as workers are accepted and not yet
 * converted; a caller handing over more waits, so the staged files on disk stay bounded.
 *
 * <p>Used by one loading thread: {@link #submit} and {@link #finish} are not called concurrently.
 */
final class FileConversions {
  /** One conversion, run on a worker thread with its own connection. */
  interface Conversion {
    List<DataFile> run(DuckDBConnection connection) throws SQLException;
  }

  private final DuckDBConnection duck;
  private final Consumer<List<DataFile>> delete;
  private final ExecutorService executor;
  private final Semaphore accepted;
  private final List<Future<List<DataFile>>> running = new ArrayList<>();

  /**
   * @param duck the session's connection, duplicated for each conversion
   * @param workers how many conversions run at once
   * @param delete deletes data files that will not be committed (those of the conversions that
   *     succeeded when another one failed)
   */
  FileConversions(DuckDBConnection duck, int workers, Consumer<List<DataFile>> delete) {
    this.duck = requireNonNull(duck, "duck");
    this.delete = requireNonNull(delete, "delete");
    if (workers < 1) {
      throw new IllegalArgumentException("Cannot convert files: workers must be at least 1");
    }
    this.accepted = new Semaphore(2 * workers);
    this.executor =
        Executors.newFixedThreadPool(
            workers,
            task -> {
              Thread thread = new Thread(task, "dp-lake-convert");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Starts {@code conversion} once fewer than the maximum of files wait; {@code release} runs when
   * it has ended, whatever its outcome, or at once when it is not started.
   *
   * @throws DpException when an earlier conversion failed: nothing more is converted then
   */
  void submit(Conversion conversion, Runnable release) {
    requireNonNull(conversion, "conversion");
    requireNonNull(release, "release");
    try {
      failIfAnyFailed();
      accepted.acquire();
    } catch (InterruptedException e) {
      release.run();
      Thread.currentThread().interrupt();
      throw new DpException(
          StandardErrorCode.INTERNAL_ERROR, "Cannot convert staged file: interrupted", e);
    } catch (RuntimeException e) {
      release.run();
      throw e;
    }
    running.add(
        executor.submit(
            () -> {
              try {
                return convert(conversion);
              } finally {
                accepted.release();
                release.run();
              }
            }));
  }

  private List<DataFile> convert(Conversion conversion) throws SQLException {
    try (DuckDBConnection connection = LoadSession.duplicate(duck)) {
      return conversion.run(connection);
    }
  }

  private void failIfAnyFailed() {
    for (Future<List<DataFile>> conversion : running) {
      if (conversion.isDone()) {
        try {
          conversion.get();
        } catch (ExecutionException e) {
          throw failure(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new DpException(
              StandardErrorCode.INTERNAL_ERROR, "Cannot convert staged file: interrupted", e);
        }
      }
    }
  }

  /**
   * Waits for every conversion, then stops the workers.
   *
   * @return the data files written, in the order the files were handed over
   * @throws DpException when a conversion failed; the files the others wrote are deleted then
   */
  List<DataFile> finish() {
    List<DataFile> written = new ArrayList<>();
    RuntimeException failure = null;
    boolean interrupted = false;
    for (Future<List<DataFile>> conversion : running) {
      while (true) {
        try {
          written.addAll(conversion.get());
          break;
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = failure(e.getCause());
          }
          break;
        } catch (InterruptedException e) {
          // every conversion is awaited: its files are deleted or committed, never left behind
          interrupted = true;
        }
      }
    }
    running.clear();
    executor.shutdown();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      delete.accept(written);
      throw failure;
    }
    return written;
  }

  private static RuntimeException failure(Throwable cause) {
    if (cause instanceof DpException dp) {
      return dp;
    }
    return new DpException(
        StandardErrorCode.INTERNAL_ERROR,
        "Cannot convert staged file: " + cause.getMessage(),
        cause);
  }
}

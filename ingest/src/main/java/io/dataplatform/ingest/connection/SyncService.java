package io.dataplatform.ingest.connection;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.Cancellation;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.ingest.sync.SyncEngine;
import io.dataplatform.ingest.sync.SyncPlan;
import io.dataplatform.ingest.sync.SyncProgress;
import io.dataplatform.ingest.sync.SyncReport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, follows and cancels syncs of stored connections, one at a time per connection, and keeps
 * their history in the metastore.
 */
public final class SyncService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);

  private final ConnectionService connections;
  private final SyncRepository history;
  private final SyncEngine engine;
  private final Clock clock;
  private final ExecutorService executor;
  private final Map<String, SyncProgress> running = new ConcurrentHashMap<>();
  private final Map<String, String> runningByConnection = new ConcurrentHashMap<>();

  public SyncService(
      ConnectionService connections, SyncRepository history, SyncEngine engine, Clock clock) {
    this.connections = requireNonNull(connections, "connections");
    this.history = requireNonNull(history, "history");
    this.engine = requireNonNull(engine, "engine");
    this.clock = requireNonNull(clock, "clock");
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "sync");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Marks syncs left running by a previous process as failed; call once at start. */
  public void recover() {
    int failed = history.failRunning(clock.instant());
    if (failed > 0) {
      LOG.warn("Marked {} syncs of a previous run as failed", failed);
    }
  }

  /**
   * Starts a sync in the background.
   *
   * @throws DpException NOT_FOUND for an unknown connection, CONFLICT when one is running
   */
  public SyncProgress start(String connection) {
    return start(connection, Reset.NONE);
  }

  /**
   * Starts a sync in the background that resets the streams {@code reset} names: they are read from
   * the start, and their tables' rows are replaced by their first commit.
   *
   * @throws DpException NOT_FOUND for an unknown connection, CONFLICT when one is running,
   *     INVALID_ARGUMENT when {@code reset} names a stream the connection does not have
   */
  public SyncProgress start(String connection, Reset reset) {
    // an unknown stream is refused before the sync is recorded
    connections
        .resolve(connection)
        .plan("validation", connections.context())
        .withReset(reset.all(), reset.streams());
    SyncProgress progress = begin(connection);
    try {
      executor.execute(() -> execute(connection, progress, reset));
    } catch (RejectedExecutionException e) {
      end(connection, progress);
      throw new DpException(
          StandardErrorCode.CONFLICT,
          "Cannot start sync: the server is stopping (" + connection + ")");
    }
    return progress;
  }

  /** Runs a sync in the calling thread and returns how it ended (for the orchestrator). */
  public SyncReport run(String connection) {
    return run(connection, new Cancellation());
  }

  /**
   * Runs a sync in the calling thread and returns how it ended; canceling {@code cancellation}
   * stops the sync as {@link #cancel} does (at its next message; a commit under way finishes
   * first).
   */
  public SyncReport run(String connection, Cancellation cancellation) {
    cancellation.throwIfCanceled("sync connection " + connection);
    SyncProgress progress = begin(connection);
    try (Cancellation.Registration stop = cancellation.onCancel(progress::cancel)) {
      execute(connection, progress, Reset.NONE);
    }
    return progress.report();
  }

  /**
   * The streams a sync resets: every one ({@code all}), or those named.
   *
   * @param all every stream of the connection
   * @param streams the streams to reset, when not {@code all}
   */
  public record Reset(boolean all, List<String> streams) {
    /** No stream is reset. */
    public static final Reset NONE = new Reset(false, List.of());

    public Reset {
      streams = List.copyOf(streams);
    }
  }

  private SyncProgress begin(String connection) {
    connections.show(connection);
    String syncId = UUID.randomUUID().toString();
    String previous = runningByConnection.putIfAbsent(connection, syncId);
    if (previous != null) {
      throw new DpException(
          StandardErrorCode.CONFLICT,
          "Cannot start sync: connection " + connection + " is syncing (" + previous + ")");
    }
    // the connection is free again as soon as the sync's end shows, not after its history is kept
    SyncProgress progress =
        new SyncProgress(
            connection, syncId, clock, () -> runningByConnection.remove(connection, syncId));
    running.put(syncId, progress);
    try {
      history.started(syncId, connection, clock.instant());
    } catch (RuntimeException e) {
      end(connection, progress);
      throw e;
    }
    return progress;
  }

  private void execute(String connection, SyncProgress progress, Reset reset) {
    try {
      SyncPlan plan =
          connections
              .resolve(connection)
              .plan(progress.syncId(), connections.context())
              .withReset(reset.all(), reset.streams());
      engine.run(plan, progress);
    } catch (DpException e) {
      progress.fail(e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("Sync {} of {} failed", progress.syncId(), connection, e);
      progress.fail("Cannot sync connection " + connection + ": " + e);
    } finally {
      try {
        history.finished(progress.report());
      } catch (RuntimeException e) {
        LOG.error("Cannot record sync {} in the metastore", progress.syncId(), e);
      }
      end(connection, progress);
    }
  }

  private void end(String connection, SyncProgress progress) {
    running.remove(progress.syncId());
    runningByConnection.remove(connection, progress.syncId());
  }

  /** The latest syncs of a connection, newest first. */
  public List<SyncSummary> list(String connection, int limit) {
    connections.show(connection);
    List<SyncSummary> summaries = new ArrayList<>();
    for (SyncSummary stored : history.list(connection, limit)) {
      SyncProgress live = running.get(stored.syncId());
      summaries.add(live == null ? stored : SyncSummary.of(live.report()));
    }
    return summaries;
  }

  /** A sync with its streams and log, live while it runs. */
  public SyncReport find(String syncId) {
    SyncProgress live = running.get(syncId);
    if (live != null) {
      return live.report();
    }
    return history
        .find(syncId)
        .orElseThrow(
            () ->
                new DpException(
                    StandardErrorCode.NOT_FOUND,
                    "Cannot find sync: there is none with id " + syncId));
  }

  /** Asks a running sync to stop; false if it is not running. */
  public boolean cancel(String syncId) {
    SyncProgress live = running.get(syncId);
    if (live == null) {
      find(syncId);
      return false;
    }
    live.cancel();
    return true;
  }

  /** Waits for a sync to end and returns it. */
  public SyncReport await(String syncId, Duration timeout) throws InterruptedException {
    SyncProgress live = running.get(syncId);
    if (live != null && !live.await(timeout)) {
      return live.report();
    }
    // the metastore holds the final report once the runner recorded it
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (running.containsKey(syncId) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return find(syncId);
  }

  public Optional<String> runningSync(String connection) {
    return Optional.ofNullable(runningByConnection.get(connection));
  }

  /** Deletes a connection that is not syncing, with its history. */
  public void deleteConnection(String connection) {
    if (runningByConnection.containsKey(connection)) {
      throw new DpException(
          StandardErrorCode.CONFLICT,
          "Cannot delete connection " + connection + ": a sync is running; cancel it first");
    }
    connections.delete(connection);
    history.deleteConnection(connection);
  }

  @Override
  public void close() {
    running.values().forEach(SyncProgress::cancel);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

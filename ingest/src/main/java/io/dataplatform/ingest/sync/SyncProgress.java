package io.dataplatform.ingest.sync;

import static java.util.Objects.requireNonNull;

import io.dataplatform.lakehouse.load.CommitResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The live state of one sync, written by the engine's thread and read by anyone: figures per
 * stream, the log, and the request to cancel.
 */
public final class SyncProgress {
  private static final int MAX_LOG_LINES = 2_000;

  private final String connection;
  private final String syncId;
  private final Clock clock;
  private final Runnable release;
  private final Instant startedAt;
  private final CountDownLatch done = new CountDownLatch(1);
  private final Map<String, StreamFigures> streams = new LinkedHashMap<>();
  private final List<String> log = new ArrayList<>();
  private volatile boolean cancelled;
  private SyncStatus status = SyncStatus.QUEUED;
  private Instant endedAt;
  private String error;

  public SyncProgress(String connection, String syncId, Clock clock) {
    this(connection, syncId, clock, () -> {});
  }

  /**
   * @param release run when the sync ends, before its end can be seen in its report: what the sync
   *     held (its connection's turn) is free once a client sees it ended
   */
  public SyncProgress(String connection, String syncId, Clock clock, Runnable release) {
    this.connection = requireNonNull(connection, "connection");
    this.syncId = requireNonNull(syncId, "syncId");
    this.clock = requireNonNull(clock, "clock");
    this.release = requireNonNull(release, "release");
    this.startedAt = clock.instant();
  }

  public String syncId() {
    return syncId;
  }

  /**
   * Asks the sync to stop at its next message: it commits nothing more and ends as cancelled. A
   * commit under way finishes first, so the table and its state stay consistent.
   */
  public void cancel() {
    cancelled = true;
  }

  public boolean isCancelled() {
    return cancelled;
  }

  /** Waits for the sync to end; true if it ended in time. */
  public boolean await(Duration timeout) throws InterruptedException {
    return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public synchronized SyncReport report() {
    List<StreamReport> reports = new ArrayList<>();
    streams.forEach((name, figures) -> reports.add(figures.report(name)));
    return new SyncReport(
        connection,
        syncId,
        status,
        startedAt,
        Optional.ofNullable(endedAt),
        reports,
        Optional.ofNullable(error),
        log);
  }

  synchronized void started(List<StreamPlan> plans) {
    status = SyncStatus.RUNNING;
    for (StreamPlan plan : plans) {
      streams.put(plan.name(), new StreamFigures(plan.table().toString()));
    }
  }

  synchronized void log(String line) {
    if (log.size() == MAX_LOG_LINES) {
      log.remove(0);
    }
    log.add(DateTimeFormatter.ISO_INSTANT.format(clock.instant()) + " " + line);
  }

  synchronized void read(String stream, long records) {
    figures(stream).recordsRead += records;
  }

  /**
   * Counts a commit of {@code records} source records; {@code result} tells the bytes written (a
   * keyed merge rewrites rows besides the records it applies).
   */
  synchronized void committed(String stream, long records, CommitResult result) {
    StreamFigures figures = figures(stream);
    figures.recordsCommitted += records;
    figures.bytesCommitted += result.bytesWritten();
    figures.commits++;
  }

  synchronized void streamEnded(String stream, SyncStatus streamStatus, String streamError) {
    StreamFigures figures = figures(stream);
    figures.status = streamStatus;
    figures.error = streamError;
  }

  /** Ends a sync that failed before the engine ran it (its connection could not be read). */
  public synchronized void fail(String message) {
    if (done.getCount() == 0) {
      return;
    }
    log("Sync failed: " + message);
    finished(SyncStatus.FAILED, message);
  }

  synchronized void finished(SyncStatus finalStatus, String finalError) {
    release.run();
    for (StreamFigures figures : streams.values()) {
      if (!figures.status.isDone()) {
        figures.status = finalStatus == SyncStatus.SUCCEEDED ? SyncStatus.SUCCEEDED : finalStatus;
      }
    }
    status = finalStatus;
    error = finalError;
    endedAt = clock.instant();
    done.countDown();
  }

  private StreamFigures figures(String stream) {
    return streams.computeIfAbsent(stream, name -> new StreamFigures(""));
  }

  private static final class StreamFigures {
    final String table;
    SyncStatus status = SyncStatus.RUNNING;
    long recordsRead;
    long recordsCommitted;
    long bytesCommitted;
    int commits;
    String error;

    StreamFigures(String table) {
      this.table = table;
    }

    StreamReport report(String name) {
      return new StreamReport(
          name,
          table,
          status,
          recordsRead,
          recordsCommitted,
          bytesCommitted,
          commits,
          Optional.ofNullable(error));
    }
  }
}

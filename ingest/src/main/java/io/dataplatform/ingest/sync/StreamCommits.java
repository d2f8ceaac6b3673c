package io.dataplatform.ingest.sync;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.connector.SourceMessage;
import io.dataplatform.api.connector.SourceReader;
import io.dataplatform.lakehouse.load.CommitResult;
import io.dataplatform.lakehouse.load.Compaction;
import io.dataplatform.lakehouse.load.LoadCommit;
import io.dataplatform.lakehouse.load.PendingCommit;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commits of one sync's streams. A commit runs at once, or is handed to the background while
 * the sync stages the next rows; either way a stream's commits run one after the other, and each is
 * reported and its checkpoint acknowledged to the reader only once it succeeded, in the order the
 * commits were made. A failed commit fails its stream: nothing staged after it is committed.
 */
final class StreamCommits {
  private static final Logger LOG = LoggerFactory.getLogger(StreamCommits.class);

  /**
   * A commit handed to the background, with what to report and acknowledge once it succeeded; or a
   * compaction, which neither.
   */
  private record Running(
      PendingCommit pending,
      long records,
      Optional<SourceMessage.Checkpoint> checkpoint,
      boolean compaction) {}

  private final SyncPlan plan;
  private final SyncProgress progress;
  private final SourceReader reader;
  private final Clock clock;

  /** At most one per stream, in the order they were handed over. */
  private final Map<StreamRun, Running> running = new LinkedHashMap<>();

  StreamCommits(SyncPlan plan, SyncProgress progress, SourceReader reader, Clock clock) {
    this.plan = requireNonNull(plan, "plan");
    this.progress = requireNonNull(progress, "progress");
    this.reader = requireNonNull(reader, "reader");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Commits the stream's staged rows now, after its commit in the background, if any, is done. Does
   * nothing when that one failed (the stream has failed then).
   *
   * @throws DpException when the commit fails
   */
  void commit(StreamRun run) {
    settle(run);
    if (!run.isActive()) {
      return;
    }
    LoadCommit commit = loadCommit(run);
    boolean replacing = run.replacesTable();
    // the records the commit applies; a keyed merge also rewrites rows it did not change
    long records = run.load.stagedRows();
    long started = System.nanoTime();
    CommitResult result =
        replacing ? run.load.replace(commit) : run.load.commit(commit, compaction(run));
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (result.compactionDeferred()) {
      run.compactionDeferred();
    }
    report(run, records, replacing, result, millis);
    run.takeCheckpoint(clock.instant()).ifPresent(reader::committed);
  }

  /**
   * Hands the stream's staged rows, up to its checkpoint, to a commit in the background, unless its
   * previous one is still running: then the rows stay staged for a later hand-over. The first
   * commit of a table being replaced runs at once.
   *
   * @throws DpException when the hand-over fails
   */
  void handOver(StreamRun run) {
    Running previous = running.get(run);
    if (previous != null) {
      if (!previous.pending().isDone()) {
        return;
      }
      complete(run);
      if (!run.isActive()) {
        return;
      }
    }
    if (run.replacesTable()) {
      commit(run);
      return;
    }
    LoadCommit commit = loadCommit(run);
    long records = run.load.stagedRows();
    PendingCommit pending = run.load.commitInBackground(commit, compaction(run));
    running.put(run, new Running(pending, records, run.takeCheckpoint(clock.instant()), false));
  }

  /**
   * A change log's commits leave the rewrite of data files past the deleted fraction to a
   * compaction while the stream is quiet, so that its changes become visible sooner.
   */
  private static Compaction compaction(StreamRun run) {
    return run.isChangeLog() ? Compaction.DEFERRED : Compaction.IN_COMMIT;
  }

  /** Whether the stream has no commit or compaction in the background. */
  boolean idle(StreamRun run) {
    return !running.containsKey(run);
  }

  /**
   * Hands a compaction of the stream's table to the background, after its last commit, with that
   * commit's state. Nothing staged since is touched: the stream's next commit waits for it.
   */
  void compactInBackground(StreamRun run) {
    run.compactionHandedOver();
    PendingCommit pending = run.load.compactInBackground(loadCommit(run));
    running.put(run, new Running(pending, 0, Optional.empty(), true));
  }

  /** Compacts the stream's table now, after its commit in the background; a failure is logged. */
  void compact(StreamRun run) {
    settle(run);
    if (!run.isActive()) {
      return;
    }
    run.compactionHandedOver();
    long started = System.nanoTime();
    try {
      CommitResult result = run.load.compact(loadCommit(run));
      reportCompaction(run, result, (System.nanoTime() - started) / 1_000_000);
    } catch (DpException e) {
      compactionFailed(run, e);
    }
  }

  /** Reports the background commits that are done; a failed one fails its stream. */
  void completeFinished() {
    for (StreamRun run : new ArrayList<>(running.keySet())) {
      if (running.get(run).pending().isDone()) {
        complete(run);
      }
    }
  }

  /** Waits for the stream's background commit, if any, and reports it. */
  void settle(StreamRun run) {
    if (running.containsKey(run)) {
      complete(run);
    }
  }

  /** Waits for every background commit and reports each, in the order they were handed over. */
  void settleAll() {
    for (StreamRun run : new ArrayList<>(running.keySet())) {
      complete(run);
    }
  }

  private void complete(StreamRun run) {
    Running done = running.remove(run);
    CommitResult result;
    try {
      result = done.pending().result();
    } catch (DpException e) {
      if (done.compaction()) {
        compactionFailed(run, e);
      } else {
        fail(run, e);
      }
      return;
    }
    if (done.compaction()) {
      reportCompaction(run, result, done.pending().millis());
      return;
    }
    if (result.compactionDeferred()) {
      run.compactionDeferred();
    }
    report(run, done.records(), false, result, done.pending().millis());
    done.checkpoint().ifPresent(reader::committed);
  }

  /**
   * Fails the stream: its staged rows are discarded and nothing of it is committed any more; the
   * other streams go on.
   */
  void fail(StreamRun run, DpException failure) {
    run.fail();
    try {
      run.load.discard();
    } catch (DpException e) {
      LOG.warn("Cannot discard the staged rows of stream {}: {}", run.name(), e.getMessage());
    }
    progress.streamEnded(run.name(), SyncStatus.FAILED, failure.getMessage());
    progress.log("Stream " + run.name() + " failed: " + failure.getMessage());
  }

  private LoadCommit loadCommit(StreamRun run) {
    return new LoadCommit(
        plan.connection(), run.name(), plan.syncId(), run.state().values(), run.maxPosition());
  }

  private void reportCompaction(StreamRun run, CommitResult result, long millis) {
    if (result.filesRewritten() == 0) {
      return;
    }
    progress.log(
        "Compacted "
            + run.plan.table()
            + " ("
            + result.filesRewritten()
            + " files with deleted rows rewritten into "
            + result.rowsWritten()
            + " rows, "
            + timing(result, millis));
  }

  private void compactionFailed(StreamRun run, DpException failure) {
    // the table is as it was: its rows are all there, read with more position deletes until the
    // next commit that leaves files past the threshold asks for a compaction again
    LOG.warn("Cannot compact {}: {}", run.plan.table(), failure.getMessage());
    progress.log(
        "Cannot compact " + run.plan.table() + "; its rows are unchanged: " + failure.getMessage());
  }

  private void report(
      StreamRun run, long records, boolean replacing, CommitResult result, long millis) {
    progress.committed(run.name(), records, result);
    progress.log(
        "Committed "
            + records
            + " records to "
            + run.plan.table()
            + (replacing ? ", replacing its rows" : "")
            + " ("
            + result.rowsWritten()
            + " rows written, "
            + result.rowsDeleted()
            + " deleted by position, "
            + result.filesRewritten()
            + " files rewritten, "
            + timing(result, millis));
  }

  /** The end of a commit's log line: its duration, where it went, its snapshot. */
  private static String timing(CommitResult result, long millis) {
    return "in "
        + millis
        + " ms: "
        + result.phasesText()
        + "; snapshot "
        + result.snapshotId()
        + ")";
  }
}

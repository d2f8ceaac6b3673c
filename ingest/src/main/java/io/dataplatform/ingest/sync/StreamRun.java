package io.dataplatform.ingest.sync;

import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.SourceMessage;
import io.dataplatform.api.connector.SourceRecord;
import io.dataplatform.api.connector.StreamState;
import io.dataplatform.api.connector.SyncMode;
import io.dataplatform.lakehouse.load.TableLoad;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One stream during a sync: its load, the state to commit next, the change-log positions. */
final class StreamRun {
  final StreamPlan plan;
  final ConfiguredStream configured;
  final TableLoad load;

  /** The highest change-log position the table held when the sync started. */
  private Optional<String> committedPosition;

  /** Whether the next commit replaces the table's rows (a change-log snapshot starting over). */
  private boolean replacing;

  /**
   * Whether the rows of a change-log snapshot read in bulk have keys the table does not hold: it
   * was empty when the sync started, or the snapshot replaces its rows.
   */
  private final boolean emptyAtStart;

  /** Whether the stream's key is the source table's primary key, unique in a snapshot. */
  private final boolean sourceKey;

  private boolean snapshotReplaces;

  private Optional<String> maxPosition;
  private StreamState state;
  private SourceMessage.Checkpoint checkpoint;
  private long rowsSinceCheckpoint;
  private Instant lastCommit;

  /** Whether a commit left data files past the deleted fraction for a compaction. */
  private boolean compactionDue;

  private boolean ended;
  private boolean failed;

  StreamRun(
      StreamPlan plan,
      ConfiguredStream configured,
      TableLoad load,
      Optional<String> committedPosition,
      Instant now) {
    this.plan = plan;
    this.configured = configured;
    this.load = load;
    this.committedPosition = committedPosition;
    this.maxPosition = committedPosition;
    this.state = configured.state();
    this.lastCommit = now;
    // a key other than the source's may repeat within a snapshot: those rows need the merge
    this.sourceKey =
        !configured.stream().primaryKey().isEmpty()
            && Set.copyOf(configured.primaryKey())
                .equals(Set.copyOf(configured.stream().primaryKey()));
    this.emptyAtStart = plan.mode() == SyncMode.CDC && sourceKey && load.isEmpty();
  }

  String name() {
    return plan.name();
  }

  boolean isChangeLog() {
    return plan.mode() == SyncMode.CDC;
  }

  /**
   * The stream is read from the start (a reset, or a change log's snapshot taken again): the
   * table's rows are replaced at the next commit and no record counts as already committed.
   */
  void startOver() {
    replacing = true;
    snapshotReplaces = isChangeLog();
    committedPosition = Optional.empty();
    maxPosition = Optional.empty();
  }

  /**
   * Whether a change-log snapshot's rows, read in bulk in this sync, can go into the table without
   * a merge by key: the table was empty at the start or the snapshot replaces its rows, and each
   * source row comes once in a snapshot.
   */
  boolean snapshotKeysAreNew() {
    return sourceKey && (emptyAtStart || snapshotReplaces);
  }

  /** Whether the next commit must replace the table's rows rather than add to them. */
  boolean replacesTable() {
    return replacing;
  }

  /**
   * The records the table does not hold yet: change-log records at or before the table's committed
   * position were committed by an earlier sync that the source replays.
   */
  List<SourceRecord> unseen(List<SourceRecord> records) {
    List<SourceRecord> kept = new ArrayList<>(records.size());
    for (SourceRecord record : records) {
      Optional<String> position = record.position();
      if (position.isPresent()) {
        if (committedPosition.isPresent()
            && position.get().compareTo(committedPosition.get()) <= 0) {
          continue;
        }
        if (maxPosition.isEmpty() || position.get().compareTo(maxPosition.get()) > 0) {
          maxPosition = position;
        }
      }
      kept.add(record);
    }
    rowsSinceCheckpoint += kept.size();
    return kept;
  }

  /** Rows staged from a file; a snapshot's file gives the source position of all its rows. */
  void staged(long rows, Optional<String> position) {
    rowsSinceCheckpoint += rows;
    if (position.isPresent()
        && (maxPosition.isEmpty() || position.get().compareTo(maxPosition.get()) > 0)) {
      maxPosition = position;
    }
  }

  void checkpoint(SourceMessage.Checkpoint message) {
    state = message.state();
    checkpoint = message;
    rowsSinceCheckpoint = 0;
  }

  /** Whether a checkpoint arrived since the last commit and nothing was staged after it. */
  boolean atUncommittedCheckpoint() {
    return checkpoint != null && rowsSinceCheckpoint == 0;
  }

  /** Whether nothing was staged or checkpointed since the last commit. */
  boolean nothingStaged() {
    return checkpoint == null && rowsSinceCheckpoint == 0;
  }

  StreamState state() {
    return state;
  }

  Optional<String> maxPosition() {
    return maxPosition;
  }

  /** The checkpoint the next commit covers, to acknowledge to the reader; cleared. */
  Optional<SourceMessage.Checkpoint> takeCheckpoint(Instant now) {
    Optional<SourceMessage.Checkpoint> taken = Optional.ofNullable(checkpoint);
    checkpoint = null;
    rowsSinceCheckpoint = 0;
    lastCommit = now;
    replacing = false;
    return taken;
  }

  Instant lastCommit() {
    return lastCommit;
  }

  /** A commit left data files past the deleted fraction for a compaction. */
  void compactionDeferred() {
    compactionDue = true;
  }

  void compactionHandedOver() {
    compactionDue = false;
  }

  boolean compactionDue() {
    return compactionDue;
  }

  boolean isActive() {
    return !ended && !failed;
  }

  boolean hasFailed() {
    return failed;
  }

  void end() {
    ended = true;
  }

  void fail() {
    failed = true;
  }
}

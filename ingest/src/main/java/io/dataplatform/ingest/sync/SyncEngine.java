package io.dataplatform.ingest.sync;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.ChangeOperation;
import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.Connector;
import io.dataplatform.api.connector.ReadRequest;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceMessage;
import io.dataplatform.api.connector.SourceReader;
import io.dataplatform.api.connector.SourceRecord;
import io.dataplatform.api.connector.SourceStream;
import io.dataplatform.api.connector.StreamState;
import io.dataplatform.ingest.cdc.CdcReaders;
import io.dataplatform.ingest.source.ConnectorRegistry;
import io.dataplatform.lakehouse.load.CommittedLoad;
import io.dataplatform.lakehouse.load.ConstantColumn;
import io.dataplatform.lakehouse.load.LakeLoads;
import io.dataplatform.lakehouse.load.LoadSession;
import io.dataplatform.lakehouse.load.LoadTarget;
import io.dataplatform.lakehouse.load.TableLoad;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs syncs: reads a connection's streams through its connector, stages the records per table and
 * commits them with each stream's state in the same lake commit. A full refresh commits once, at
 * its stream's end; incremental and CDC streams commit at the first checkpoint after each commit
 * interval. A failure or a cancel commits nothing past the last commit, so the next sync resumes
 * from the states in the tables without loss or duplicates.
 */
public final class SyncEngine {
  private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);
  private static final Duration POLL = Duration.ofMillis(100);

  /** How long a change-log reader may take to send its first message (Debezium starting up). */
  private static final Duration CHANGE_LOG_START = Duration.ofSeconds(30);

  private final ConnectorRegistry registry;
  private final LakeLoads loads;
  private final SyncSettings settings;
  private final Clock clock;

  public SyncEngine(
      ConnectorRegistry registry, LakeLoads loads, SyncSettings settings, Clock clock) {
    this.registry = requireNonNull(registry, "registry");
    this.loads = requireNonNull(loads, "loads");
    this.settings = requireNonNull(settings, "settings");
    this.clock = requireNonNull(clock, "clock");
  }

  public SyncSettings settings() {
    return settings;
  }

  /** Runs one sync to its end in the calling thread; never throws for a failed sync. */
  public SyncReport run(SyncPlan plan, SyncProgress progress) {
    requireNonNull(plan, "plan");
    requireNonNull(progress, "progress");
    progress.started(plan.streams());
    progress.log("Sync " + plan.syncId() + " of connection " + plan.connection() + " started");
    Path work = settings.workDirectory().resolve(plan.connection() + "-" + plan.syncId());
    SyncStatus status;
    String error = null;
    try {
      Files.createDirectories(work.resolve("source"));
      status = execute(plan, progress, work);
    } catch (DpException e) {
      status = SyncStatus.FAILED;
      error = e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = SyncStatus.CANCELLED;
      error = "Sync interrupted";
    } catch (IOException | RuntimeException e) {
      LOG.error("Sync {} of connection {} failed", plan.syncId(), plan.connection(), e);
      status = SyncStatus.FAILED;
      error = "Cannot sync connection " + plan.connection() + ": " + e;
    } finally {
      deleteTree(work);
    }
    if (status == SyncStatus.CANCELLED && error == null) {
      error = "Cancelled by request";
    }
    progress.log(
        "Sync "
            + status.name().toLowerCase(java.util.Locale.ROOT)
            + (error == null ? "" : ": " + error));
    progress.finished(status, error);
    return progress.report();
  }

  private SyncStatus execute(SyncPlan plan, SyncProgress progress, Path work)
      throws InterruptedException {
    Connector connector = registry.connector(plan.source().type());
    Map<String, SourceStream> discovered = new LinkedHashMap<>();
    connector.discover(plan.source()).forEach(stream -> discovered.put(stream.name(), stream));
    Set<String> reset = resetStreams(plan, progress);
    try (LoadSession session = loads.open(work)) {
      Map<String, StreamRun> runs = new LinkedHashMap<>();
      for (StreamPlan stream : plan.streams()) {
        runs.put(
            stream.name(),
            prepare(plan, stream, reset.contains(stream.name()), discovered, session, progress));
      }
      startSnapshotOver(runs.values(), progress);
      if (reset.stream().anyMatch(name -> isChangeLog(plan, name))) {
        // the change log's position is the connection's (one replication slot for all its
        // streams): it starts over from a new snapshot, so what the source kept for it goes
        connector.release(plan.source(), plan.connection());
      }
      List<ConfiguredStream> configured =
          runs.values().stream().map(run -> run.configured).toList();
      ReadRequest request =
          new ReadRequest(
              configured, plan.connection(), work.resolve("source"), settings.batchRows());
      try (SourceReader reader = connector.read(plan.source(), request)) {
        return new Loop(plan, progress, reader, runs).run();
      }
    }
  }

  /**
   * The streams this sync resets: those the plan names, and every change-log stream when it names
   * one of them (they share one position in the source's log).
   */
  private static Set<String> resetStreams(SyncPlan plan, SyncProgress progress) {
    Set<String> reset = new LinkedHashSet<>(plan.reset());
    if (reset.stream().anyMatch(name -> isChangeLog(plan, name))) {
      for (StreamPlan stream : plan.streams()) {
        if (stream.mode() == io.dataplatform.api.connector.SyncMode.CDC
            && reset.add(stream.name())) {
          progress.log(
              "Stream "
                  + stream.name()
                  + " is reset too: the connection's CDC streams share one position in the"
                  + " source's log");
        }
      }
    }
    return reset;
  }

  private static boolean isChangeLog(SyncPlan plan, String streamName) {
    return plan.streams().stream()
        .anyMatch(
            stream ->
                stream.name().equals(streamName)
                    && stream.mode() == io.dataplatform.api.connector.SyncMode.CDC);
  }

  private StreamRun prepare(
      SyncPlan plan,
      StreamPlan stream,
      boolean reset,
      Map<String, SourceStream> discovered,
      LoadSession session,
      SyncProgress progress) {
    SourceStream source = StreamRules.find(plan.connection(), stream.name(), discovered);
    Optional<CommittedLoad> last =
        loads.lastCommit(stream.table(), plan.connection(), stream.name());
    StreamState state =
        stream.isFullRefresh() || last.isEmpty() || reset
            ? StreamState.EMPTY
            : new StreamState(last.get().commit().state());
    ConfiguredStream configured = StreamRules.configure(plan.connection(), stream, source, state);
    LoadTarget target =
        switch (stream.mode()) {
          case FULL_REFRESH_OVERWRITE -> LoadTarget.overwrite(stream.table());
          case FULL_REFRESH_APPEND, INCREMENTAL_APPEND -> LoadTarget.append(stream.table());
          case INCREMENTAL_DEDUP, CDC ->
              LoadTarget.upsert(stream.table(), configured.primaryKey(), plan.deletes());
        };
    boolean changeLog = stream.mode() == io.dataplatform.api.connector.SyncMode.CDC;
    TableLoad load =
        session.table(target, MetadataColumns.tableColumns(source.columns(), changeLog));
    progress.log(
        "Stream "
            + stream.name()
            + " → "
            + stream.table()
            + " ("
            + stream.mode().configName()
            + (state.isEmpty() ? ", from the start" : ", resuming from " + state.values())
            + ")");
    if (reset) {
      progress.log(
          "Stream "
              + stream.name()
              + " is reset: it is read from the start, and its first commit replaces the rows of "
              + stream.table());
      StreamRun run = new StreamRun(stream, configured, load, Optional.empty(), clock.instant());
      run.startOver();
      return run;
    }
    Optional<String> position = last.flatMap(commit -> commit.commit().position());
    return new StreamRun(stream, configured, load, position, clock.instant());
  }

  /**
   * When the change log takes its initial snapshot again (the last sync stopped during it), the
   * first commit of each change-log stream replaces its table: rows of the unfinished snapshot that
   * the source deleted since would otherwise stay, as no change deletes them.
   */
  private static void startSnapshotOver(Collection<StreamRun> runs, SyncProgress progress) {
    List<StreamRun> changeLog = runs.stream().filter(StreamRun::isChangeLog).toList();
    if (changeLog.isEmpty()
        || !CdcReaders.snapshotStartsOver(changeLog.stream().map(run -> run.configured).toList())) {
      return;
    }
    for (StreamRun run : changeLog) {
      run.startOver();
      progress.log(
          "Stream "
              + run.name()
              + ": the last sync stopped during the initial snapshot; the snapshot starts over"
              + " and its first commit replaces the rows of "
              + run.plan.table());
    }
  }

  /** The read-stage-commit loop of one sync. */
  private final class Loop {
    private final SyncPlan plan;
    private final SyncProgress progress;
    private final SourceReader reader;
    private final Map<String, StreamRun> runs;
    private final StreamCommits commits;
    private final Instant started = clock.instant();
    private Instant lastMessage;

    Loop(SyncPlan plan, SyncProgress progress, SourceReader reader, Map<String, StreamRun> runs) {
      this.plan = plan;
      this.progress = progress;
      this.reader = reader;
      this.runs = runs;
      this.commits = new StreamCommits(plan, progress, reader, clock);
    }

    SyncStatus run() throws InterruptedException {
      try {
        if (!follow()) {
          catchUp();
          return SyncStatus.CANCELLED;
        }
      } catch (InterruptedException e) {
        // a commit handed over is still reported and acknowledged; nothing more is committed
        commits.settleAll();
        throw e;
      } catch (RuntimeException e) {
        catchUp();
        throw e;
      }
      // the commits in the background come before the last ones
      commits.settleAll();
      for (StreamRun run : runs.values()) {
        if (run.isActive() && run.isChangeLog() && run.atUncommittedCheckpoint()) {
          commits.commit(run);
        }
        if (run.isActive() && run.compactionDue()) {
          commits.compact(run);
        }
      }
      boolean failed = runs.values().stream().anyMatch(StreamRun::hasFailed);
      if (failed) {
        throw new DpException(
            StandardErrorCode.CONFLICT,
            "Cannot sync connection "
                + plan.connection()
                + ": streams failed ("
                + String.join(
                    ", ",
                    runs.values().stream()
                        .filter(StreamRun::hasFailed)
                        .map(StreamRun::name)
                        .toList())
                + "); the other streams were committed");
      }
      return SyncStatus.SUCCEEDED;
    }

    /**
     * Reads, stages and hands commits over until the streams end or stop.
     *
     * @return false when the sync was cancelled
     */
    private boolean follow() throws InterruptedException {
      while (!reader.isFinished() && runs.values().stream().anyMatch(StreamRun::isActive)) {
        if (progress.isCancelled()) {
          return false;
        }
        // a stream at a due checkpoint whose previous commit just finished hands over at once
        commits.completeFinished();
        commitDue();
        if (changeLogRanLongEnough()) {
          progress.log(
              "Ran " + settings.cdcMaxRun().toSeconds() + " s: stopping at the last checkpoints");
          break;
        }
        Optional<SourceMessage> message = reader.poll(POLL);
        if (message.isPresent()) {
          if (!(message.get() instanceof SourceMessage.Checkpoint)
              && !(message.get() instanceof SourceMessage.LogLine)) {
            // a change log's heartbeat checkpoints, without records, are not activity
            lastMessage = clock.instant();
          }
          handle(message.get());
          continue;
        }
        commitDue();
        compactQuiet();
        if (changeLogIdle()) {
          progress.log("No changes for " + settings.cdcIdleStop().toSeconds() + " s: stopping");
          break;
        }
      }
      return true;
    }

    /**
     * When the sync stops early (a failure, a cancel): waits for the commits in the background,
     * then commits the checkpoints that were due and waited only for them, as committing in the
     * loop's thread would have done before the stop. A failure here fails the stream alone.
     */
    private void catchUp() {
      commits.settleAll();
      for (StreamRun run : runs.values()) {
        if (run.isActive()
            && !run.plan.isFullRefresh()
            && run.atUncommittedCheckpoint()
            && due(run)) {
          try {
            commits.commit(run);
          } catch (DpException e) {
            commits.fail(run, e);
          }
        }
      }
    }

    /** Whether only change-log streams are left and none had a message for the idle time. */
    private boolean changeLogIdle() {
      if (!onlyChangeLog()) {
        return false;
      }
      if (lastMessage == null) {
        Duration grace =
            settings.cdcIdleStop().compareTo(CHANGE_LOG_START) > 0
                ? settings.cdcIdleStop()
                : CHANGE_LOG_START;
        return Duration.between(started, clock.instant()).compareTo(grace) >= 0;
      }
      return Duration.between(lastMessage, clock.instant()).compareTo(settings.cdcIdleStop()) >= 0;
    }

    /**
     * Whether only change-log streams are left, the sync ran its maximum time, and each of them is
     * at a checkpoint, so stopping loses no staged change.
     */
    private boolean changeLogRanLongEnough() {
      return onlyChangeLog()
          && Duration.between(started, clock.instant()).compareTo(settings.cdcMaxRun()) >= 0
          && runs.values().stream()
              .filter(StreamRun::isActive)
              .allMatch(run -> run.atUncommittedCheckpoint() || run.nothingStaged());
    }

    private boolean onlyChangeLog() {
      return runs.values().stream().filter(StreamRun::isActive).allMatch(StreamRun::isChangeLog);
    }

    private void commitDue() {
      for (StreamRun run : runs.values()) {
        if (run.isActive()
            && !run.plan.isFullRefresh()
            && run.atUncommittedCheckpoint()
            && due(run)) {
          commits.handOver(run);
        }
      }
    }

    /**
     * Hands a compaction over for each stream whose commits left one due, once nothing was staged
     * since its last commit, which is done, and no change arrived for a commit interval: the
     * rewrite then delays no change.
     */
    private void compactQuiet() {
      if (lastMessage != null
          && Duration.between(lastMessage, clock.instant()).compareTo(settings.commitInterval())
              < 0) {
        return;
      }
      for (StreamRun run : runs.values()) {
        if (run.isActive() && run.compactionDue() && run.nothingStaged() && commits.idle(run)) {
          try {
            commits.compactInBackground(run);
          } catch (DpException e) {
            // the stream's previous commit failed in the background: its report fails the stream
            commits.settle(run);
          }
        }
      }
    }

    private boolean due(StreamRun run) {
      return Duration.between(run.lastCommit(), clock.instant())
              .compareTo(settings.commitInterval())
          >= 0;
    }

    private void handle(SourceMessage message) {
      String name = message.stream();
      StreamRun run = runs.get(name);
      if (run == null) {
        throw new DpException(
            StandardErrorCode.INTERNAL_ERROR,
            "Cannot sync connection "
                + plan.connection()
                + ": the connector sent a stream that was not requested ("
                + name
                + ")");
      }
      if (!run.isActive()) {
        return;
      }
      try {
        if (message instanceof SourceMessage.RecordBatch batch) {
          stage(run, batch);
        } else if (message instanceof SourceMessage.StagedFile file) {
          stageFile(run, file);
        } else if (message instanceof SourceMessage.LogLine line) {
          progress.log("Stream " + name + ": " + line.message());
        } else if (message instanceof SourceMessage.Checkpoint checkpoint) {
          run.checkpoint(checkpoint);
          if (!run.plan.isFullRefresh() && due(run)) {
            commits.handOver(run);
          }
        } else {
          commits.commit(run);
          if (run.isActive()) {
            run.end();
            progress.streamEnded(name, SyncStatus.SUCCEEDED, null);
            progress.log("Stream " + name + " done");
          }
        }
      } catch (DpException e) {
        // the commit handed over before comes first: it is reported, or fails the stream itself
        commits.settle(run);
        if (run.isActive()) {
          commits.fail(run, e);
        }
      }
    }

    private void stage(StreamRun run, SourceMessage.RecordBatch batch) {
      List<SourceRecord> records = run.unseen(batch.records());
      progress.read(run.name(), records.size());
      if (records.isEmpty()) {
        return;
      }
      List<SourceColumn> columns = batch.columns();
      if (run.isChangeLog()) {
        columns = new ArrayList<>(columns);
        columns.add(MetadataColumns.OPERATION);
        columns.add(MetadataColumns.SOURCE_POSITION);
        List<SourceRecord> extended = new ArrayList<>(records.size());
        for (SourceRecord record : records) {
          Object[] values = java.util.Arrays.copyOf(record.values(), record.values().length + 2);
          values[values.length - 2] = MetadataColumns.operationCode(record.operation());
          values[values.length - 1] = record.position().orElse(null);
          extended.add(new SourceRecord(record.operation(), values, record.position()));
        }
        records = extended;
      }
      run.load.stage(columns, records, constants());
    }

    /** Hands a staged file to the load, which deletes it once read (perhaps on another thread). */
    private void stageFile(StreamRun run, SourceMessage.StagedFile file) {
      List<ConstantColumn> constants = constants();
      if (run.isChangeLog()) {
        // a change log's snapshot read in bulk: every row is a READ record at one position
        constants = new ArrayList<>(constants);
        constants.add(
            new ConstantColumn(
                MetadataColumns.OPERATION, MetadataColumns.operationCode(ChangeOperation.READ)));
        constants.add(
            new ConstantColumn(
                MetadataColumns.SOURCE_POSITION, file.snapshotPosition().orElse(null)));
      }
      run.load.stageFile(
          file.file(),
          file.format(),
          file.columns(),
          constants,
          file.snapshotPosition().isPresent() && run.snapshotKeysAreNew(),
          () -> deleteQuietly(file.file()));
      run.staged(file.rows(), file.snapshotPosition());
      progress.read(run.name(), file.rows());
    }

    private List<ConstantColumn> constants() {
      return List.of(
          new ConstantColumn(
              MetadataColumns.EXTRACTED_AT, clock.instant().atOffset(ZoneOffset.UTC)),
          new ConstantColumn(MetadataColumns.SYNC_ID, plan.syncId()));
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the work directory is removed after the sync
    }
  }

  private static void deleteTree(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Cannot delete sync work directory {}: {}", directory, e.getMessage());
    }
  }
}

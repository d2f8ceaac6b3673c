package io.dataplatform.ingest.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.TableId;
import io.dataplatform.api.connector.ChangeOperation;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.SourceMessage;
import io.dataplatform.api.connector.SyncMode;
import io.dataplatform.ingest.source.ConnectorRegistry;
import io.dataplatform.lakehouse.LakehouseConfig;
import io.dataplatform.lakehouse.io.LakeStorage;
import io.dataplatform.lakehouse.load.DeleteMode;
import io.dataplatform.lakehouse.load.LakeLoads;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Change-log commits handed to the background while the sync stages on, on a real lake whose
 * storage can hold a load's first commit back or fail commits.
 */
class TestPipelinedCommits {
  private static final TableId CHANGES = TableId.of("raw", "changes");
  private static final StreamPlan STREAM =
      new StreamPlan("changes", SyncMode.CDC, Optional.empty(), List.of(), CHANGES);

  @TempDir Path directory;
  LakeFixture lake;
  GatedLakeStorage storage;
  FakeConnector source;
  SyncEngine engine;
  private final AtomicInteger syncs = new AtomicInteger();

  @BeforeEach
  void open() {
    lake = new LakeFixture(directory);
    LakeStorage real =
        LakeStorage.open(LakehouseConfig.of(directory.resolve("warehouse")).warehouse());
    storage = new GatedLakeStorage(real);
    source = new FakeConnector();
    engine = engine(Duration.ofMillis(300));
    for (int id = 1; id <= 60; id++) {
      source.changes.add(
          new FakeConnector.Change(
              ChangeOperation.INSERT,
              new Object[] {id, "item " + id, (long) id},
              String.format("%04d", id)));
    }
  }

  /** An engine whose commits are due at each checkpoint, with batches of 10 changes. */
  private SyncEngine engine(Duration idleStop) {
    return new SyncEngine(
        ConnectorRegistry.of(List.of(source)),
        new LakeLoads(lake.lakehouse.catalog(), storage, 2, "256MB"),
        new SyncSettings(
            Duration.ZERO, 10, idleStop, Duration.ofMinutes(1), directory.resolve("work")),
        Clock.systemUTC());
  }

  @AfterEach
  void close() {
    storage.close();
    lake.close();
  }

  private SyncReport sync() {
    String id = "s" + syncs.incrementAndGet();
    SyncPlan plan =
        new SyncPlan(
            "shop", id, new ConnectorConfig("fake", Map.of()), List.of(STREAM), DeleteMode.HARD);
    return engine.run(plan, new SyncProgress("shop", id, Clock.systemUTC()));
  }

  private List<String> acknowledgedPositions() {
    return source.acknowledged.stream()
        .map(SourceMessage.Checkpoint::state)
        .map(state -> state.value("position").orElseThrow())
        .toList();
  }

  @Test
  void theSyncStagesTheNextBatchesWhileACommitRuns() {
    // the first commit (batch 1) finishes only once the reader handed out four batches
    storage.firstWaitsFor(() -> source.batchesSent.get() >= 4);
    SyncReport report = sync();
    assertEquals(SyncStatus.SUCCEEDED, report.status(), String.valueOf(report.error()));
    assertEquals(Boolean.TRUE, storage.conditionHeld(), "batches staged while the commit ran");
    assertEquals(
        List.of("60|60|1|60"),
        lake.query("SELECT count(*), count(DISTINCT id), min(id), max(id) FROM raw.changes"));
    StreamReport stream = report.stream("changes").orElseThrow();
    assertEquals(60, stream.recordsCommitted());
    // the batches staged meanwhile went into fewer commits than checkpoints
    assertTrue(stream.commits() < 6, "commits: " + stream.commits());
    assertEquals(stream.commits(), storage.opened());
    assertTrue(
        report.log().stream()
            .anyMatch(line -> line.contains("Committed 10 records to raw.changes")),
        report.log().toString());
    // each checkpoint acknowledged after its commit, in order, up to the last change
    List<String> acknowledged = acknowledgedPositions();
    assertEquals(stream.commits(), acknowledged.size());
    assertEquals("0010", acknowledged.get(0));
    assertEquals(acknowledged.stream().sorted().distinct().toList(), acknowledged);
    assertEquals("0060", acknowledged.get(acknowledged.size() - 1));
    // the state committed with the rows is where the next sync resumes
    source.changes.add(
        new FakeConnector.Change(
            ChangeOperation.UPDATE, new Object[] {7, "seven", 70L}, String.format("%04d", 61)));
    assertEquals(SyncStatus.SUCCEEDED, sync().status());
    assertEquals(Map.of("position", "0060"), source.requestedStates.get(1));
    assertEquals(
        List.of("60|seven"),
        lake.query("SELECT count(*), max(name) FILTER (WHERE id = 7) FROM raw.changes"));
  }

  @Test
  void aFailedBackgroundCommitFailsTheStreamAndNothingAfterItIsCommitted() {
    // the first commit (batch 1) waits for three batches; the next one, handed over in the
    // background long before the idle stop, fails
    engine = engine(Duration.ofSeconds(5));
    storage.firstWaitsFor(() -> source.batchesSent.get() >= 3);
    storage.failFrom = 2;
    SyncReport failed = sync();
    assertEquals(SyncStatus.FAILED, failed.status());
    assertEquals(
        Optional.of(
            "Cannot sync connection shop: streams failed (changes); the other streams were"
                + " committed"),
        failed.error());
    StreamReport stream = failed.stream("changes").orElseThrow();
    assertEquals(
        Optional.of("Cannot write to the lake: no space left on device (statement 2)"),
        stream.error());
    assertTrue(
        failed.log().stream()
            .anyMatch(
                line ->
                    line.contains(
                        "Stream changes failed: Cannot write to the lake: no space left on"
                            + " device (statement 2)")),
        failed.log().toString());
    // only the first commit happened, and only its checkpoint was acknowledged
    assertEquals(Boolean.TRUE, storage.conditionHeld());
    assertEquals(2, storage.opened());
    assertEquals(10, stream.recordsCommitted());
    assertEquals(1, stream.commits());
    assertEquals(List.of("0010"), acknowledgedPositions());
    assertEquals(
        List.of("10|1|10"), lake.query("SELECT count(*), min(id), max(id) FROM raw.changes"));
    // the next sync resumes after the first commit: every change once
    storage.failFrom = 0;
    SyncReport resumed = sync();
    assertEquals(SyncStatus.SUCCEEDED, resumed.status(), String.valueOf(resumed.error()));
    assertEquals(Map.of("position", "0010"), source.requestedStates.get(1));
    assertEquals(
        List.of("60|60|1|60"),
        lake.query("SELECT count(*), count(DISTINCT id), min(id), max(id) FROM raw.changes"));
  }

  @Test
  void anIncrementalStreamCommitsBesideTheChangeLogsCommitsInTheBackground() {
    for (int id = 1; id <= 25; id++) {
      source.items.add(new Object[] {id, "item " + id, (long) id});
    }
    StreamPlan items =
        new StreamPlan(
            "items",
            SyncMode.INCREMENTAL_APPEND,
            Optional.of("version"),
            List.of(),
            TableId.of("raw", "items"));
    // the change log's six batches come first, then the three of the items: the change log's first
    // commit waits for two of them, and the items' last commit runs beside the change log's next
    storage.firstWaitsFor(() -> source.batchesSent.get() >= 8);
    String id = "both";
    SyncReport report =
        engine.run(
            new SyncPlan(
                "shop",
                id,
                new ConnectorConfig("fake", Map.of()),
                List.of(STREAM, items),
                DeleteMode.HARD),
            new SyncProgress("shop", id, Clock.systemUTC()));
    assertEquals(SyncStatus.SUCCEEDED, report.status(), String.valueOf(report.error()));
    assertEquals(Boolean.TRUE, storage.conditionHeld());
    assertEquals(
        List.of("25|25"), lake.query("SELECT count(*), count(DISTINCT id) FROM raw.items"));
    assertEquals(
        List.of("60|60"), lake.query("SELECT count(*), count(DISTINCT id) FROM raw.changes"));
    assertEquals(25, report.stream("items").orElseThrow().recordsCommitted());
    assertEquals(60, report.stream("changes").orElseThrow().recordsCommitted());
  }

  @Test
  void aChangeLogCompactsInACommitOfItsOwnAndResumesFromTheStateItCarries() {
    // every row of the first three batches' files updated: past the deleted fraction
    for (int id = 1; id <= 30; id++) {
      source.changes.add(
          new FakeConnector.Change(
              ChangeOperation.UPDATE,
              new Object[] {id, "changed " + id, (long) id},
              String.format("%04d", 60 + id)));
    }
    SyncReport report = sync();
    assertEquals(SyncStatus.SUCCEEDED, report.status(), String.valueOf(report.error()));
    List<String> commits =
        report.log().stream().filter(line -> line.contains("Committed ")).toList();
    assertTrue(
        commits.stream().allMatch(line -> line.contains(" 0 files rewritten")),
        "the change commits only delete by position: " + commits);
    assertTrue(
        report.log().stream().anyMatch(line -> line.contains("Compacted raw.changes (")),
        report.log().toString());
    assertEquals(
        List.of("60|30|0"),
        lake.query(
            "SELECT count(*), count(*) FILTER (WHERE name LIKE 'changed %'), count(*) FILTER"
                + " (WHERE name LIKE 'changed %' AND id > 30) FROM raw.changes"));
    org.apache.iceberg.Snapshot last =
        lake.lakehouse
            .catalog()
            .loadTable(org.apache.iceberg.catalog.TableIdentifier.of("raw", "changes"))
            .currentSnapshot();
    assertEquals("0", last.summary().get("total-delete-files"), last.summary().toString());
    assertEquals(90, report.stream("changes").orElseThrow().recordsCommitted());
    // the compaction's snapshot carries the last commit's state: the next sync resumes there
    source.changes.add(
        new FakeConnector.Change(
            ChangeOperation.DELETE, new Object[] {60, null, null}, String.format("%04d", 91)));
    assertEquals(SyncStatus.SUCCEEDED, sync().status());
    assertEquals(Map.of("position", "0090"), source.requestedStates.get(1));
    assertEquals(
        List.of("59|30"),
        lake.query(
            "SELECT count(*), count(*) FILTER (WHERE name LIKE 'changed %') FROM raw.changes"));
  }
}

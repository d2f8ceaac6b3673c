package io.dataplatform.ingest.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.TableId;
import io.dataplatform.api.connector.ChangeOperation;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SyncMode;
import io.dataplatform.ingest.source.ConnectorRegistry;
import io.dataplatform.lakehouse.load.DeleteMode;
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

class TestSyncEngine {
  private static final TableId ITEMS = TableId.of("raw", "items");
  private static final TableId CHANGES = TableId.of("raw", "changes");

  @TempDir Path directory;
  LakeFixture lake;
  FakeConnector source;
  SyncEngine engine;
  private final AtomicInteger syncs = new AtomicInteger();

  @BeforeEach
  void open() {
    lake = new LakeFixture(directory);
    source = new FakeConnector();
    engine = engine(Duration.ZERO);
  }

  private SyncEngine engine(Duration commitInterval) {
    return new SyncEngine(
        ConnectorRegistry.of(List.of(source)),
        lake.lakehouse.loads(),
        new SyncSettings(
            commitInterval,
            10,
            Duration.ofMillis(300),
            Duration.ofMinutes(1),
            directory.resolve("work")),
        Clock.systemUTC());
  }

  @AfterEach
  void close() {
    lake.close();
  }

  private void items(int from, int to, long version) {
    for (int id = from; id <= to; id++) {
      source.items.add(new Object[] {id, "item " + id, version + id});
    }
  }

  private SyncReport sync(StreamPlan... streams) {
    String id = "s" + syncs.incrementAndGet();
    SyncPlan plan =
        new SyncPlan(
            "shop", id, new ConnectorConfig("fake", Map.of()), List.of(streams), DeleteMode.HARD);
    return engine.run(plan, new SyncProgress("shop", id, Clock.systemUTC()));
  }

  private static StreamPlan items(SyncMode mode) {
    boolean incremental = mode == SyncMode.INCREMENTAL_APPEND || mode == SyncMode.INCREMENTAL_DEDUP;
    return new StreamPlan(
        "items", mode, incremental ? Optional.of("version") : Optional.empty(), List.of(), ITEMS);
  }

  @Test
  void fullRefreshReplacesTheTableAtTheStreamEnd() {
    items(1, 25, 0);
    SyncReport first = sync(items(SyncMode.FULL_REFRESH_OVERWRITE));
    assertEquals(SyncStatus.SUCCEEDED, first.status(), String.valueOf(first.error()));
    StreamReport stream = first.stream("items").orElseThrow();
    assertEquals(25, stream.recordsRead());
    assertEquals(25, stream.recordsCommitted());
    assertEquals(1, stream.commits());
    assertTrue(stream.bytesCommitted() > 0);
    assertEquals(
        List.of("25|25|s1"),
        lake.query("SELECT count(*), count(DISTINCT id), min(_dp_sync_id) FROM raw.items"));
    source.items.clear();
    items(100, 102, 0);
    assertEquals(SyncStatus.SUCCEEDED, sync(items(SyncMode.FULL_REFRESH_OVERWRITE)).status());
    assertEquals(List.of("100", "101", "102"), lake.query("SELECT id FROM raw.items ORDER BY id"));
  }

  @Test
  void failedFullRefreshLeavesTheTableAsItWas() {
    items(1, 5, 0);
    sync(items(SyncMode.FULL_REFRESH_OVERWRITE));
    items(6, 40, 0);
    source.failAfterBatches = 2;
    SyncReport failed = sync(items(SyncMode.FULL_REFRESH_OVERWRITE));
    assertEquals(SyncStatus.FAILED, failed.status());
    assertEquals(Optional.of("Cannot read fake source: connection reset"), failed.error());
    assertEquals(List.of("5"), lake.query("SELECT count(*) FROM raw.items"));
  }

  @Test
  void incrementalResumesFromTheCommittedCursorWithoutDuplicates() {
    items(1, 30, 0);
    source.failAfterBatches = 2;
    SyncReport failed = sync(items(SyncMode.INCREMENTAL_APPEND));
    assertEquals(SyncStatus.FAILED, failed.status(), String.valueOf(failed.error()));
    assertEquals(Optional.of("Cannot read fake source: connection reset"), failed.error());
    assertEquals(List.of("20"), lake.query("SELECT count(*) FROM raw.items"));
    source.failAfterBatches = -1;
    items(31, 35, 0);
    SyncReport resumed = sync(items(SyncMode.INCREMENTAL_APPEND));
    assertEquals(SyncStatus.SUCCEEDED, resumed.status(), String.valueOf(resumed.error()));
    assertEquals(Map.of("version", "20"), source.requestedStates.get(1));
    assertEquals(
        List.of("35|35"), lake.query("SELECT count(*), count(DISTINCT id) FROM raw.items"));
  }

  @Test
  void incrementalDedupKeepsTheLatestVersion() {
    items(1, 5, 0);
    sync(items(SyncMode.INCREMENTAL_DEDUP));
    source.items.add(new Object[] {2, "item 2 renamed", 100L});
    source.items.add(new Object[] {6, "item 6", 101L});
    SyncReport second = sync(items(SyncMode.INCREMENTAL_DEDUP));
    assertEquals(SyncStatus.SUCCEEDED, second.status(), String.valueOf(second.error()));
    // the two records applied, not the rows the merge rewrote around them
    assertEquals(2, second.stream("items").orElseThrow().recordsCommitted());
    assertTrue(
        second.log().stream().anyMatch(line -> line.contains("Committed 2 records to raw.items")),
        second.log().toString());
    assertEquals(
        List.of("1|item 1", "2|item 2 renamed", "3|item 3", "4|item 4", "5|item 5", "6|item 6"),
        lake.query("SELECT id, name FROM raw.items ORDER BY id"));
  }

  @Test
  void changeLogAppliesInsertsUpdatesAndDeletesOnceEach() {
    source.changes.add(change(ChangeOperation.READ, 1, "a", "0001"));
    source.changes.add(change(ChangeOperation.READ, 2, "b", "0002"));
    source.changes.add(change(ChangeOperation.INSERT, 3, "c", "0003"));
    source.changes.add(change(ChangeOperation.UPDATE, 1, "a2", "0004"));
    source.changes.add(change(ChangeOperation.DELETE, 2, null, "0005"));
    StreamPlan changes =
        new StreamPlan("changes", SyncMode.CDC, Optional.empty(), List.of(), CHANGES);
    SyncReport first = sync(changes);
    assertEquals(SyncStatus.SUCCEEDED, first.status(), String.valueOf(first.error()));
    assertEquals(
        List.of("1|a2|u|0004", "3|c|c|0003"),
        lake.query("SELECT id, name, _dp_op, _dp_source_position FROM raw.changes ORDER BY id"));
    assertFalse(source.acknowledged.isEmpty());
    source.changes.add(change(ChangeOperation.UPDATE, 3, "c2", "0006"));
    assertEquals(SyncStatus.SUCCEEDED, sync(changes).status());
    assertEquals(Map.of("position", "0005"), source.requestedStates.get(1));
    assertEquals(
        List.of("1|a2", "3|c2"), lake.query("SELECT id, name FROM raw.changes ORDER BY id"));
  }

  @Test
  void changesAtOrBeforeTheTablesPositionAreSkipped() {
    source.changes.add(change(ChangeOperation.INSERT, 1, "a", "0001"));
    StreamPlan changes =
        new StreamPlan("changes", SyncMode.CDC, Optional.empty(), List.of(), CHANGES);
    sync(changes);
    // a connector resuming from an older position of another stream replays this one's changes
    source.changes.add(0, change(ChangeOperation.INSERT, 9, "old", "0000"));
    source.changes.add(change(ChangeOperation.INSERT, 1, "a", "0001"));
    source.changes.add(change(ChangeOperation.INSERT, 2, "b", "0002"));
    engine.run(
        new SyncPlan(
            "shop",
            "replay",
            new ConnectorConfig("fake", Map.of()),
            List.of(changes),
            DeleteMode.HARD),
        new SyncProgress("shop", "replay", Clock.systemUTC()));
    assertEquals(
        List.of("1|s1", "2|replay"),
        lake.query("SELECT id, _dp_sync_id FROM raw.changes ORDER BY id"));
  }

  @Test
  void changeLogThatNeverGoesQuietEndsAfterTheMaximumRunAtACheckpoint() {
    engine =
        new SyncEngine(
            ConnectorRegistry.of(List.of(source)),
            lake.lakehouse.loads(),
            new SyncSettings(
                Duration.ofMillis(100),
                10,
                Duration.ofMinutes(1),
                Duration.ofSeconds(2),
                directory.resolve("work")),
            Clock.systemUTC());
    source.trickle = true;
    StreamPlan changes =
        new StreamPlan("changes", SyncMode.CDC, Optional.empty(), List.of(), CHANGES);
    long started = System.nanoTime();
    SyncReport report = sync(changes);
    assertEquals(SyncStatus.SUCCEEDED, report.status(), String.valueOf(report.error()));
    assertTrue(System.nanoTime() - started < 30_000_000_000L, "ended after the maximum run");
    long committed = report.stream("changes").orElseThrow().recordsCommitted();
    assertTrue(committed > 0);
    assertEquals(
        List.of(committed + "|" + committed),
        lake.query("SELECT count(*), count(DISTINCT id) FROM raw.changes"));
    // the next sync resumes after the committed position: no change is loaded twice
    source.trickle = false;
    sync(changes);
    long all = source.changes.size();
    assertEquals(
        List.of(all + "|" + all),
        lake.query("SELECT count(*), count(DISTINCT id) FROM raw.changes"));
  }

  @Test
  void incompatibleChangeStopsOnlyThatStream() {
    items(1, 3, 0);
    source.changes.add(change(ChangeOperation.INSERT, 1, "a", "0001"));
    StreamPlan changes =
        new StreamPlan("changes", SyncMode.CDC, Optional.empty(), List.of(), CHANGES);
    sync(items(SyncMode.FULL_REFRESH_OVERWRITE), changes);
    source.columns =
        List.of(
            SourceColumn.nullable("id", DataType.STRING, "text"),
            FakeConnector.COLUMNS.get(1),
            FakeConnector.COLUMNS.get(2));
    source.items.clear();
    source.items.add(new Object[] {"x", "text id", 1L});
    SyncReport report = sync(items(SyncMode.FULL_REFRESH_OVERWRITE));
    assertEquals(SyncStatus.FAILED, report.status());
    assertEquals(
        Optional.of(
            "Cannot load into raw.items: column id changed type at the source from int to string"
                + " (text), which the table cannot hold; the table is left unchanged. Rename or drop"
                + " the table, or cast the column at the source"),
        report.stream("items").orElseThrow().error());
    assertEquals(List.of("3"), lake.query("SELECT count(*) FROM raw.items"));
  }

  @Test
  void unknownStreamAndMissingCursorAreClearErrors() {
    SyncReport unknown =
        sync(
            new StreamPlan(
                "orders", SyncMode.FULL_REFRESH_OVERWRITE, Optional.empty(), List.of(), ITEMS));
    assertEquals(
        Optional.of(
            "Cannot sync connection shop: the source has no stream 'orders' (streams: changes, items)"),
        unknown.error());
    SyncReport mode =
        sync(
            new StreamPlan(
                "changes", SyncMode.FULL_REFRESH_APPEND, Optional.empty(), List.of(), CHANGES));
    assertEquals(
        Optional.of(
            "Cannot sync stream changes of connection shop: the source does not offer mode"
                + " full_refresh_append for it (modes: cdc)"),
        mode.error());
  }

  @Test
  void cancelledSyncCommitsNothing() {
    items(1, 30, 0);
    String id = "cancelled";
    SyncProgress progress = new SyncProgress("shop", id, Clock.systemUTC());
    progress.cancel();
    SyncReport report =
        engine.run(
            new SyncPlan(
                "shop",
                id,
                new ConnectorConfig("fake", Map.of()),
                List.of(items(SyncMode.INCREMENTAL_APPEND)),
                DeleteMode.HARD),
            progress);
    assertEquals(SyncStatus.CANCELLED, report.status(), String.valueOf(report.error()));
    assertEquals(Optional.of("Cancelled by request"), report.error());
    assertEquals(List.of("0"), lake.query("SELECT count(*) FROM raw.items"));
  }

  private static FakeConnector.Change change(
      ChangeOperation operation, int id, String name, String position) {
    return new FakeConnector.Change(operation, new Object[] {id, name, 1L}, position);
  }
}

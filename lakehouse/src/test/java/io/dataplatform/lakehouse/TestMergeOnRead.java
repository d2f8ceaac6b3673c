package io.dataplatform.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.TableId;
import io.dataplatform.api.connector.ChangeOperation;
import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceRecord;
import io.dataplatform.lakehouse.load.CommitResult;
import io.dataplatform.lakehouse.load.Compaction;
import io.dataplatform.lakehouse.load.CompactionThresholds;
import io.dataplatform.lakehouse.load.DeleteMode;
import io.dataplatform.lakehouse.load.LoadCommit;
import io.dataplatform.lakehouse.load.LoadSession;
import io.dataplatform.lakehouse.load.LoadTarget;
import io.dataplatform.lakehouse.load.TableLoad;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keyed loads by merge-on-read: position deletes, compaction, and the readers that follow. */
class TestMergeOnRead {
  private static final TableId ITEMS = TableId.of("raw", "items");
  private static final SourceColumn ID = SourceColumn.nullable("id", DataType.INT, "int4");
  private static final SourceColumn NAME = SourceColumn.nullable("name", DataType.STRING, "text");
  private static final List<SourceColumn> COLUMNS = List.of(ID, NAME);

  @TempDir Path directory;
  LakehouseFixture lake;
  LoadSession session;

  @BeforeEach
  void open() throws Exception {
    lake = new LakehouseFixture(directory);
    session = lake.lakehouse.loads().open(Files.createDirectories(directory.resolve("work")));
  }

  @AfterEach
  void close() {
    session.close();
    lake.close();
  }

  private TableLoad upsert(DeleteMode deletes) {
    return session.table(LoadTarget.upsert(ITEMS, List.of("id"), deletes), COLUMNS);
  }

  /** A table of ids 0..rows-1 named n0, n1, …, committed in one file. */
  private TableLoad seeded(int rows, DeleteMode deletes) {
    TableLoad load = upsert(deletes);
    List<SourceRecord> records = new ArrayList<>();
    IntStream.range(0, rows).forEach(id -> records.add(row(id, "n" + id)));
    load.stage(COLUMNS, records, List.of());
    load.commit(commit(0));
    return load;
  }

  private static SourceRecord row(Object... values) {
    return SourceRecord.read(values);
  }

  private static SourceRecord change(ChangeOperation operation, Object... values) {
    return new SourceRecord(operation, values, Optional.of("0001"));
  }

  private static LoadCommit commit(int cursor) {
    return new LoadCommit(
        "shop", "public.items", "sync-1", Map.of("lsn", "" + cursor), Optional.empty());
  }

  private Table table() {
    return lake.lakehouse.catalog().loadTable(TableIdentifier.of("raw", "items"));
  }

  private long deleteFiles() {
    return Long.parseLong(table().currentSnapshot().summary().get("total-delete-files"));
  }

  private long dataFiles() {
    return Long.parseLong(table().currentSnapshot().summary().get("total-data-files"));
  }

  @Test
  void deleteFilesFollowTheTablesDeleteCodec() throws Exception {
    TableLoad load = seeded(10, DeleteMode.HARD);
    // a table of keyed loads is read by every merge: snappy
    assertEquals("snappy", table().properties().get("write.parquet.compression-codec"));
    table().updateProperties().set("write.delete.parquet.compression-codec", "gzip").commit();
    load.stage(COLUMNS, List.of(change(ChangeOperation.UPDATE, 7, "seven")), List.of());
    load.commit(commit(1));
    Snapshot snapshot = table().currentSnapshot();
    DeleteFile delete = snapshot.addedDeleteFiles(table().io()).iterator().next();
    assertEquals(List.of("GZIP"), TestParquetCompression.codecs(delete.location()));
    DataFile added = snapshot.addedDataFiles(table().io()).iterator().next();
    assertEquals(List.of("SNAPPY"), TestParquetCompression.codecs(added.location()));
  }

  @Test
  void upsertDeletesChangedRowsByPosition() throws Exception {
    TableLoad load = seeded(10, DeleteMode.HARD);
    String seededFile = onlyDataFile(table());
    load.stage(
        COLUMNS,
        List.of(
            change(ChangeOperation.UPDATE, 7, "seven"), change(ChangeOperation.INSERT, 10, "x")),
        List.of());
    CommitResult result = load.commit(commit(1));
    assertEquals(0, result.filesRewritten());
    assertEquals(1, result.rowsDeleted());
    assertEquals(2, result.rowsWritten());
    assertEquals(1, deleteFiles());
    assertEquals(2, dataFiles());
    assertEquals(List.of("11"), lake.query("SELECT count(*) FROM raw.items"));
    assertEquals(List.of("7|seven"), lake.query("SELECT * FROM raw.items WHERE id = 7"));
    Snapshot snapshot = table().currentSnapshot();
    assertEquals("overwrite", snapshot.operation());
    assertEquals("1", snapshot.summary().get("dp.state.lsn"));
    DeleteFile delete = snapshot.addedDeleteFiles(table().io()).iterator().next();
    assertEquals(seededFile, delete.referencedDataFile());
    assertEquals(
        List.of("2147483546|file_path|" + seededFile + "|7"),
        deleteRows(delete.location()),
        "Iceberg's reserved field ids, the data file's location and the row's position");
  }

  @Test
  void hardDeleteRemovesTheRow() {
    TableLoad load = seeded(10, DeleteMode.HARD);
    load.stage(COLUMNS, List.of(change(ChangeOperation.DELETE, 3, null)), List.of());
    CommitResult result = load.commit(commit(1));
    assertEquals(1, result.rowsDeleted());
    assertEquals(0, result.rowsWritten());
    assertEquals(
        List.of("9|0"), lake.query("SELECT count(*), count(*) FILTER (id = 3) FROM raw.items"));
  }

  @Test
  void softDeleteKeepsTheRowMarked() {
    TableLoad load = seeded(10, DeleteMode.SOFT);
    load.stage(COLUMNS, List.of(change(ChangeOperation.DELETE, 3, "n3")), List.of());
    CommitResult result = load.commit(commit(1));
    assertEquals(1, result.rowsDeleted());
    assertEquals(
        List.of("2|n2|false", "3|n3|true", "4|n4|false"),
        lake.query(
            "SELECT id, name, _dp_deleted FROM raw.items WHERE id BETWEEN 2 AND 4 ORDER BY id"));
    assertEquals(List.of("10"), lake.query("SELECT count(*) FROM raw.items"));
  }

  @Test
  void compositeKeysMatchOnEveryColumn() {
    SourceColumn region = SourceColumn.nullable("region", DataType.STRING, "text");
    List<SourceColumn> columns = List.of(region, ID, NAME);
    TableLoad load =
        session.table(LoadTarget.upsert(ITEMS, List.of("region", "id"), DeleteMode.HARD), columns);
    List<SourceRecord> seed = new ArrayList<>();
    for (String name : List.of("eu", "us")) {
      IntStream.range(0, 10).forEach(id -> seed.add(row(name, id, name + id)));
    }
    seed.add(row(null, 1, "nowhere"));
    load.stage(columns, seed, List.of());
    load.commit(commit(0));
    load.stage(
        columns,
        List.of(
            change(ChangeOperation.UPDATE, "eu", 1, "EU1"),
            change(ChangeOperation.DELETE, "us", 2, null),
            change(ChangeOperation.UPDATE, null, 1, "still nowhere")),
        List.of());
    CommitResult result = load.commit(commit(1));
    assertEquals(3, result.rowsDeleted());
    assertEquals(0, result.filesRewritten());
    assertEquals(
        List.of("eu|EU1", "us|us1", "null|still nowhere"),
        lake.query("SELECT region, name FROM raw.items WHERE id = 1 ORDER BY region NULLS LAST"));
    assertEquals(List.of("eu|eu2"), lake.query("SELECT region, name FROM raw.items WHERE id = 2"));
  }

  @Test
  void keyUpdatedInConsecutiveCommitsDeletesFromTheNewFile() {
    TableLoad load = seeded(50, DeleteMode.HARD);
    List<SourceRecord> first = new ArrayList<>();
    IntStream.range(5, 15).forEach(id -> first.add(change(ChangeOperation.UPDATE, id, "first")));
    load.stage(COLUMNS, first, List.of());
    assertEquals(10, load.commit(commit(1)).rowsDeleted());
    load.stage(COLUMNS, List.of(change(ChangeOperation.UPDATE, 5, "second")), List.of());
    CommitResult second = load.commit(commit(2));
    assertEquals(1, second.rowsDeleted());
    assertEquals(0, second.filesRewritten());
    assertEquals(List.of("5|second"), lake.query("SELECT * FROM raw.items WHERE id = 5"));
    assertEquals(List.of("6|first"), lake.query("SELECT * FROM raw.items WHERE id = 6"));
    assertEquals(List.of("50"), lake.query("SELECT count(*) FROM raw.items"));
    assertEquals(2, deleteFiles());
    // a key of a small file: the whole file is rewritten rather than mostly deleted
    load.stage(COLUMNS, List.of(change(ChangeOperation.UPDATE, 5, "third")), List.of());
    CommitResult third = load.commit(commit(3));
    assertEquals(1, third.filesRewritten());
    assertEquals(0, third.rowsDeleted());
    assertEquals(List.of("5|third"), lake.query("SELECT * FROM raw.items WHERE id = 5"));
    assertEquals(List.of("50"), lake.query("SELECT count(*) FROM raw.items"));
  }

  @Test
  void keyDeletedThenInsertedAgain() {
    TableLoad load = seeded(20, DeleteMode.HARD);
    load.stage(COLUMNS, List.of(change(ChangeOperation.DELETE, 4, null)), List.of());
    load.commit(commit(1));
    assertEquals(List.of(), lake.query("SELECT * FROM raw.items WHERE id = 4"));
    load.stage(COLUMNS, List.of(change(ChangeOperation.INSERT, 4, "back")), List.of());
    assertEquals(0, load.commit(commit(2)).rowsDeleted());
    // deleted and inserted again within one commit: the latest change wins
    load.stage(
        COLUMNS,
        List.of(
            change(ChangeOperation.DELETE, 6, null), change(ChangeOperation.INSERT, 6, "again")),
        List.of());
    load.commit(commit(3));
    assertEquals(
        List.of("4|back", "6|again"),
        lake.query("SELECT * FROM raw.items WHERE id IN (4, 6) ORDER BY id"));
    assertEquals(List.of("20"), lake.query("SELECT count(*) FROM raw.items"));
  }

  @Test
  void fileWithTooManyDeletedRowsIsRewritten() {
    TableLoad load = seeded(10, DeleteMode.HARD);
    load.stage(COLUMNS, List.of(change(ChangeOperation.UPDATE, 0, "a")), List.of());
    assertEquals(0, load.commit(commit(1)).filesRewritten());
    assertEquals(1, deleteFiles());
    // 1 deleted before, 3 now: 40 % of the file's 10 rows, past 30 %
    load.stage(
        COLUMNS,
        List.of(
            change(ChangeOperation.UPDATE, 1, "b"),
            change(ChangeOperation.UPDATE, 2, "c"),
            change(ChangeOperation.DELETE, 3, null)),
        List.of());
    CommitResult result = load.commit(commit(2));
    assertEquals(1, result.filesRewritten());
    assertEquals(0, result.rowsDeleted());
    assertEquals(0, deleteFiles(), "the delete file naming only the rewritten file is removed");
    assertEquals(
        List.of("0|a", "1|b", "2|c", "4|n4"),
        lake.query("SELECT * FROM raw.items WHERE id < 5 ORDER BY id"));
    assertEquals(List.of("9"), lake.query("SELECT count(*) FROM raw.items"));
  }

  @Test
  void deferredCompactionDeletesByPositionThenCompactsInACommitOfItsOwn() {
    TableLoad load = seeded(10, DeleteMode.HARD);
    // 4 of the file's 10 rows: past 30 %, but left to the compaction
    load.stage(
        COLUMNS,
        List.of(
            change(ChangeOperation.UPDATE, 0, "a"),
            change(ChangeOperation.UPDATE, 1, "b"),
            change(ChangeOperation.UPDATE, 2, "c"),
            change(ChangeOperation.DELETE, 3, null)),
        List.of());
    CommitResult result = load.commit(commit(1), Compaction.DEFERRED);
    assertEquals(0, result.filesRewritten());
    assertEquals(4, result.rowsDeleted());
    assertTrue(result.compactionDeferred());
    assertEquals(1, deleteFiles());
    long changed = table().currentSnapshot().snapshotId();

    CommitResult compacted = load.compact(commit(1));
    assertEquals(1, compacted.filesRewritten());
    assertEquals(6, compacted.rowsWritten(), "the seeded file's six live rows");
    assertEquals(0, deleteFiles(), "the delete file naming only the rewritten file is removed");
    assertEquals(2, dataFiles());
    Snapshot snapshot = table().currentSnapshot();
    assertEquals(compacted.snapshotId(), snapshot.snapshotId());
    assertEquals(changed, snapshot.parentId());
    // the compaction records the load's state unchanged, so a resumed sync reads it there
    assertEquals(
        Map.of("lsn", "1"),
        lake.lakehouse
            .loads()
            .lastCommit(ITEMS, "shop", "public.items")
            .orElseThrow()
            .commit()
            .state());
    assertEquals(
        List.of("0|a", "1|b", "2|c", "4|n4"),
        lake.query("SELECT * FROM raw.items WHERE id < 5 ORDER BY id"));
    assertEquals(List.of("9"), lake.query("SELECT count(*) FROM raw.items"));

    // nothing past a threshold any more: no commit
    assertEquals(-1, load.compact(commit(1)).snapshotId());
    assertEquals(compacted.snapshotId(), table().currentSnapshot().snapshotId());
  }

  @Test
  void frequentCommitsKeepOneManifestOfEachKind() {
    TableLoad load = seeded(100, DeleteMode.HARD);
    for (int round = 1; round <= 6; round++) {
      load.stage(COLUMNS, List.of(change(ChangeOperation.UPDATE, round, "r" + round)), List.of());
      load.commit(commit(round), Compaction.DEFERRED);
    }
    Snapshot snapshot = table().currentSnapshot();
    assertEquals(7, dataFiles());
    assertEquals(6, deleteFiles());
    // each commit merged its new manifests into the ones before: a plan reads two files, not 12
    assertEquals(1, snapshot.dataManifests(table().io()).size());
    assertEquals(1, snapshot.deleteManifests(table().io()).size());
    assertEquals(
        List.of("100|6"),
        lake.query("SELECT count(*), count(*) FILTER (WHERE name LIKE 'r%') FROM raw.items"));
  }

  @Test
  void deferredCompactionStillCompactsPastTheDeleteFileLimit() {
    TableLoad load =
        session.table(
            LoadTarget.upsert(ITEMS, List.of("id"), DeleteMode.HARD),
            COLUMNS,
            new CompactionThresholds(0.0, 2));
    List<SourceRecord> records = new ArrayList<>();
    IntStream.range(0, 100).forEach(id -> records.add(row(id, "n" + id)));
    load.stage(COLUMNS, records, List.of());
    load.commit(commit(0));
    for (int round = 1; round <= 2; round++) {
      load.stage(
          COLUMNS, List.of(change(ChangeOperation.UPDATE, round * 10, "r" + round)), List.of());
      CommitResult result = load.commit(commit(round), Compaction.DEFERRED);
      assertEquals(0, result.filesRewritten());
      assertTrue(result.compactionDeferred());
      assertEquals(round, deleteFiles());
    }
    load.stage(COLUMNS, List.of(change(ChangeOperation.UPDATE, 30, "r3")), List.of());
    CommitResult result = load.commit(commit(3), Compaction.DEFERRED);
    assertTrue(result.filesRewritten() >= 1, "files rewritten: " + result.filesRewritten());
    assertFalse(result.compactionDeferred(), "the whole table was compacted in the commit");
    assertEquals(0, deleteFiles());
    assertEquals(List.of("100"), lake.query("SELECT count(*) FROM raw.items"));
  }

  @Test
  void tooManyDeleteFilesCompactTheTable() {
    TableLoad load =
        session.table(
            LoadTarget.upsert(ITEMS, List.of("id"), DeleteMode.HARD),
            COLUMNS,
            new CompactionThresholds(1.0, 3));
    List<SourceRecord> records = new ArrayList<>();
    IntStream.range(0, 100).forEach(id -> records.add(row(id, "n" + id)));
    load.stage(COLUMNS, records, List.of());
    load.commit(commit(0));
    for (int round = 1; round <= 3; round++) {
      load.stage(
          COLUMNS, List.of(change(ChangeOperation.UPDATE, round * 10, "r" + round)), List.of());
      assertEquals(0, load.commit(commit(round)).filesRewritten());
      assertEquals(round, deleteFiles());
    }
    load.stage(COLUMNS, List.of(change(ChangeOperation.UPDATE, 40, "r4")), List.of());
    CommitResult result = load.commit(commit(4));
    assertEquals(0, deleteFiles());
    // the seeded file and the files rounds 1 to 3 wrote whose rows were not deleted stay
    assertTrue(result.filesRewritten() >= 1, "files rewritten: " + result.filesRewritten());
    assertEquals(List.of("100"), lake.query("SELECT count(*) FROM raw.items"));
    assertEquals(
        List.of("10|r1", "20|r2", "30|r3", "40|r4"),
        lake.query("SELECT * FROM raw.items WHERE name LIKE 'r%' ORDER BY id"));
  }

  @Test
  void replaceAfterRestartDropsRowsAndDeletes() {
    TableLoad load = seeded(20, DeleteMode.HARD);
    load.stage(COLUMNS, List.of(change(ChangeOperation.UPDATE, 1, "one")), List.of());
    load.commit(commit(1));
    assertEquals(1, deleteFiles());
    load.stage(COLUMNS, List.of(row(1, "fresh"), row(2, "fresh")), List.of());
    load.replace(commit(2));
    assertEquals(List.of("1|fresh", "2|fresh"), lake.query("SELECT * FROM raw.items ORDER BY id"));
    assertEquals(0, deleteFiles());
    assertEquals(1, dataFiles());
    // and merges go on from there
    load.stage(COLUMNS, List.of(change(ChangeOperation.UPDATE, 2, "two")), List.of());
    load.commit(commit(3));
    assertEquals(List.of("1|fresh", "2|two"), lake.query("SELECT * FROM raw.items ORDER BY id"));
  }

  @Test
  void timeTravelBeforeTheMergeSeesTheOldRows() {
    TableLoad load = seeded(10, DeleteMode.HARD);
    long before = table().currentSnapshot().snapshotId();
    load.stage(
        COLUMNS,
        List.of(change(ChangeOperation.UPDATE, 1, "new"), change(ChangeOperation.DELETE, 2, null)),
        List.of());
    load.commit(commit(1));
    assertEquals(
        List.of("1|n1", "2|n2"),
        lake.query(
            "SELECT * FROM raw.items FOR VERSION AS OF "
                + before
                + " WHERE id IN (1, 2) ORDER BY id"));
    assertEquals(List.of("1|new"), lake.query("SELECT * FROM raw.items WHERE id IN (1, 2)"));
  }

  @Test
  void sqlChangesOnATableWithPositionDeletes() {
    TableLoad load = seeded(20, DeleteMode.HARD);
    load.stage(
        COLUMNS,
        List.of(change(ChangeOperation.DELETE, 3, null), change(ChangeOperation.UPDATE, 4, "four")),
        List.of());
    load.commit(commit(1));
    assertEquals(1, deleteFiles());
    lake.update("UPDATE raw.items SET name = upper(name) WHERE id < 6");
    assertEquals(
        List.of("0|N0", "1|N1", "2|N2", "4|FOUR", "5|N5"),
        lake.query("SELECT * FROM raw.items WHERE id < 6 ORDER BY id"));
    lake.update("DELETE FROM raw.items WHERE id = 5");
    lake.update(
        "MERGE INTO raw.items t USING (SELECT 6 AS id, 'six' AS name) s ON t.id = s.id"
            + " WHEN MATCHED THEN UPDATE SET name = s.name");
    assertEquals(List.of("18"), lake.query("SELECT count(*) FROM raw.items"));
    assertEquals(List.of("0"), lake.query("SELECT count(*) FROM raw.items WHERE id IN (3, 5)"));
    // a merge after the rewrites finds the rows where they are now
    load.stage(COLUMNS, List.of(change(ChangeOperation.UPDATE, 6, "SIX")), List.of());
    assertEquals(1, load.commit(commit(2)).rowsDeleted());
    assertEquals(List.of("6|SIX"), lake.query("SELECT * FROM raw.items WHERE id = 6"));
    assertEquals(List.of("18"), lake.query("SELECT count(*) FROM raw.items"));
  }

  private static String onlyDataFile(Table table) throws IOException {
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      List<String> paths = new ArrayList<>();
      tasks.forEach(task -> paths.add(task.file().location()));
      assertEquals(1, paths.size(), "data files: " + paths);
      return paths.get(0);
    }
  }

  /** Field id, name and values of each row of a delete file. */
  private static List<String> deleteRows(String location) throws Exception {
    String path = location.replaceFirst("^file:(//)?", "");
    List<String> rows = new ArrayList<>();
    try (var duck = DriverManager.getConnection("jdbc:duckdb:");
        var statement = duck.createStatement();
        var result =
            statement.executeQuery(
                "SELECT (SELECT field_id FROM parquet_schema('"
                    + path
                    + "') WHERE name = 'file_path'), 'file_path', file_path, pos"
                    + " FROM read_parquet('"
                    + path
                    + "') ORDER BY pos")) {
      while (result.next()) {
        rows.add(
            result.getString(1)
                + "|"
                + result.getString(2)
                + "|"
                + result.getString(3)
                + "|"
                + result.getString(4));
      }
    }
    return rows;
  }
}

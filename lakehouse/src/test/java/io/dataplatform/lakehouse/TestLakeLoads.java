package io.dataplatform.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import io.dataplatform.api.TableId;
import io.dataplatform.api.connector.ChangeOperation;
import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceMessage.StagedFormat;
import io.dataplatform.api.connector.SourceRecord;
import io.dataplatform.lakehouse.load.CommittedLoad;
import io.dataplatform.lakehouse.load.Compaction;
import io.dataplatform.lakehouse.load.ConstantColumn;
import io.dataplatform.lakehouse.load.DeleteMode;
import io.dataplatform.lakehouse.load.LoadCommit;
import io.dataplatform.lakehouse.load.LoadSession;
import io.dataplatform.lakehouse.load.LoadTarget;
import io.dataplatform.lakehouse.load.TableLoad;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestLakeLoads {
  private static final TableId CUSTOMERS = TableId.of("raw", "customers");
  private static final SourceColumn ID = SourceColumn.nullable("id", DataType.INT, "int4");
  private static final SourceColumn NAME = SourceColumn.nullable("name", DataType.STRING, "text");
  private static final List<SourceColumn> COLUMNS = List.of(ID, NAME);

  @TempDir Path directory;
  LakehouseFixture lake;
  LoadSession session;

  @BeforeEach
  void open() throws Exception {
    lake = new LakehouseFixture(directory);
    Path work = Files.createDirectories(directory.resolve("work"));
    session = lake.lakehouse.loads().open(work);
  }

  @AfterEach
  void close() {
    session.close();
    lake.close();
  }

  private static SourceRecord row(Object... values) {
    return SourceRecord.read(values);
  }

  private static SourceRecord change(ChangeOperation operation, Object... values) {
    return new SourceRecord(operation, values, Optional.of("0001"));
  }

  private static LoadCommit commit(String cursor) {
    return new LoadCommit(
        "shop", "public.customers", "sync-1", Map.of("cursor", cursor), Optional.empty());
  }

  @Test
  void appendCommitsRowsAndStateTogether() {
    TableLoad load = session.table(LoadTarget.append(CUSTOMERS), COLUMNS);
    load.stage(COLUMNS, List.of(row(1, "ann"), row(2, "bob")), List.of());
    assertEquals(2, load.stagedRows());
    var result = load.commit(commit("2"));
    assertEquals(2, result.rowsWritten());
    assertEquals(0, load.stagedRows());
    load.stage(COLUMNS, List.of(row(3, "cid")), List.of());
    load.commit(commit("3"));
    assertEquals(
        List.of("1|ann", "2|bob", "3|cid"), lake.query("SELECT * FROM raw.customers ORDER BY id"));
    CommittedLoad last =
        lake.lakehouse.loads().lastCommit(CUSTOMERS, "shop", "public.customers").orElseThrow();
    assertEquals(Map.of("cursor", "3"), last.commit().state());
    assertEquals("sync-1", last.commit().syncId());
    assertEquals(
        Optional.empty(), lake.lakehouse.loads().lastCommit(CUSTOMERS, "shop", "public.orders"));
  }

  @Test
  void emptyCommitRecordsTheState() {
    TableLoad load = session.table(LoadTarget.append(CUSTOMERS), COLUMNS);
    load.commit(commit("7"));
    assertEquals(List.of("0"), lake.query("SELECT count(*) FROM raw.customers"));
    assertEquals(
        Map.of("cursor", "7"),
        lake.lakehouse
            .loads()
            .lastCommit(CUSTOMERS, "shop", "public.customers")
            .orElseThrow()
            .commit()
            .state());
  }

  @Test
  void overwriteReplacesEveryRow() {
    TableLoad load = session.table(LoadTarget.overwrite(CUSTOMERS), COLUMNS);
    load.stage(COLUMNS, List.of(row(1, "ann"), row(2, "bob")), List.of());
    load.commit(commit("a"));
    load.stage(COLUMNS, List.of(row(5, "eve")), List.of());
    load.commit(commit("b"));
    assertEquals(List.of("5|eve"), lake.query("SELECT * FROM raw.customers ORDER BY id"));
  }

  @Test
  void upsertKeepsTheLatestRowOfEachKey() {
    TableLoad load =
        session.table(LoadTarget.upsert(CUSTOMERS, List.of("id"), DeleteMode.HARD), COLUMNS);
    load.stage(COLUMNS, List.of(row(1, "ann"), row(2, "bob"), row(3, "cid")), List.of());
    load.commit(commit("1"));
    load.stage(
        COLUMNS,
        List.of(
            change(ChangeOperation.UPDATE, 2, "bobby"),
            change(ChangeOperation.UPDATE, 2, "robert"),
            change(ChangeOperation.DELETE, 3, null),
            change(ChangeOperation.INSERT, 4, "dan"),
            change(ChangeOperation.INSERT, 5, "eve"),
            change(ChangeOperation.DELETE, 5, null)),
        List.of());
    var result = load.commit(commit("2"));
    assertEquals(1, result.filesRewritten());
    assertEquals(
        List.of("1|ann", "2|robert", "4|dan"),
        lake.query("SELECT * FROM raw.customers ORDER BY id"));
    // a later batch touching only new keys rewrites nothing
    load.stage(COLUMNS, List.of(row(9, "ivy")), List.of());
    assertEquals(0, load.commit(commit("3")).filesRewritten());
    assertEquals(List.of("4"), lake.query("SELECT count(*) FROM raw.customers"));
  }

  @Test
  void aKeyedCommitSeesRowsAnotherWriterCommittedSinceItsLastCommit() throws Exception {
    TableLoad load =
        session.table(LoadTarget.upsert(CUSTOMERS, List.of("id"), DeleteMode.HARD), COLUMNS);
    load.stage(COLUMNS, List.of(row(1, "ann"), row(2, "bob")), List.of());
    load.commit(commit("1"));
    try (LoadSession other =
        lake.lakehouse.loads().open(Files.createDirectories(directory.resolve("other")))) {
      TableLoad writer =
          other.table(LoadTarget.upsert(CUSTOMERS, List.of("id"), DeleteMode.HARD), COLUMNS);
      writer.stage(COLUMNS, List.of(row(3, "cid")), List.of());
      writer.commit(
          new LoadCommit(
              "shop", "public.other", "sync-2", Map.of("cursor", "x"), Optional.empty()));
    }
    load.stage(COLUMNS, List.of(change(ChangeOperation.UPDATE, 3, "cyd")), List.of());
    load.commit(commit("2"));
    assertEquals(
        List.of("1|ann", "2|bob", "3|cyd"), lake.query("SELECT * FROM raw.customers ORDER BY id"));
  }

  @Test
  void stagedRecordsCarryBinaryValues() {
    SourceColumn data = SourceColumn.nullable("data", DataType.BINARY, "bytea");
    List<SourceColumn> columns = List.of(ID, data);
    TableLoad load =
        session.table(LoadTarget.upsert(CUSTOMERS, List.of("id"), DeleteMode.HARD), columns);
    load.stage(
        columns, List.of(row(1, new byte[] {1, 2, (byte) 0xff}), row(2, new byte[0])), List.of());
    load.commit(commit("1"));
    assertEquals(
        List.of("1|0102FF", "2|"),
        lake.query("SELECT id, hex(data) FROM raw.customers ORDER BY id"));
  }

  @Test
  void softDeleteMarksTheRow() {
    TableLoad load =
        session.table(LoadTarget.upsert(CUSTOMERS, List.of("id"), DeleteMode.SOFT), COLUMNS);
    load.stage(COLUMNS, List.of(row(1, "ann"), row(2, "bob")), List.of());
    load.commit(commit("1"));
    load.stage(COLUMNS, List.of(change(ChangeOperation.DELETE, 2, "bob")), List.of());
    load.commit(commit("2"));
    assertEquals(
        List.of("1|ann|false", "2|bob|true"),
        lake.query("SELECT id, name, _dp_deleted FROM raw.customers ORDER BY id"));
  }

  @Test
  void newColumnsAndWideningsEvolveTheTable() {
    TableLoad load = session.table(LoadTarget.append(CUSTOMERS), COLUMNS);
    load.stage(COLUMNS, List.of(row(1, "ann")), List.of());
    load.commit(commit("1"));
    SourceColumn wideId = SourceColumn.nullable("id", DataType.LONG, "int8");
    SourceColumn balance = SourceColumn.nullable("balance", DataType.decimal(10, 2), "numeric");
    List<SourceColumn> wider = List.of(wideId, NAME, balance);
    load.stage(wider, List.of(row(5_000_000_000L, "bob", new BigDecimal("1.50"))), List.of());
    load.commit(commit("2"));
    assertEquals(
        List.of("1|ann|null", "5000000000|bob|1.50"),
        lake.query("SELECT id, name, balance FROM raw.customers ORDER BY id"));
    assertEquals(
        "long",
        lake.lakehouse
            .catalog()
            .loadTable(TableIdentifier.of("raw", "customers"))
            .schema()
            .findField("id")
            .type()
            .toString());
  }

  @Test
  void incompatibleTypeChangeLeavesTheTableUntouched() {
    TableLoad load = session.table(LoadTarget.append(CUSTOMERS), COLUMNS);
    load.stage(COLUMNS, List.of(row(1, "ann")), List.of());
    load.commit(commit("1"));
    SourceColumn textId = SourceColumn.nullable("id", DataType.STRING, "varchar(20)");
    DpException error =
        assertThrows(
            DpException.class,
            () -> load.stage(List.of(textId, NAME), List.of(row("x1", "bob")), List.of()));
    assertEquals(
        "Cannot load into raw.customers: column id changed type at the source from int to string"
            + " (varchar(20)), which the table cannot hold; the table is left unchanged. Rename or"
            + " drop the table, or cast the column at the source",
        error.getMessage());
    assertEquals(0, load.stagedRows());
    assertEquals(List.of("1|ann"), lake.query("SELECT * FROM raw.customers"));
    assertEquals(
        "int",
        lake.lakehouse
            .catalog()
            .loadTable(TableIdentifier.of("raw", "customers"))
            .schema()
            .findField("id")
            .type()
            .toString());
  }

  @Test
  void stagedCsvFilesWithConstantColumns() throws Exception {
    Path file = directory.resolve("work/chunk.csv");
    Files.writeString(file, "1,ann\n2,\"\"\n3,\n4,\"x, \"\"y\"\"\"\n");
    SourceColumn syncId = SourceColumn.nullable("_dp_sync_id", DataType.STRING, "string");
    SourceColumn extracted =
        SourceColumn.nullable("_dp_extracted_at", DataType.TIMESTAMPTZ, "timestamptz");
    List<ConstantColumn> constants =
        List.of(
            new ConstantColumn(syncId, "sync-9"),
            new ConstantColumn(
                extracted, OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneOffset.UTC)));
    TableLoad load = session.table(LoadTarget.overwrite(CUSTOMERS), COLUMNS);
    load.stageFile(file, StagedFormat.CSV, COLUMNS, constants, () -> {});
    load.stage(COLUMNS, List.of(row(5, "eve")), constants);
    assertEquals(5, load.stagedRows());
    load.commit(commit("end"));
    assertEquals(
        List.of(
            "1|ann|sync-9|2024-05-06 07:08:09+00",
            "2||sync-9|2024-05-06 07:08:09+00",
            "3|null|sync-9|2024-05-06 07:08:09+00",
            "4|x, \"y\"|sync-9|2024-05-06 07:08:09+00",
            "5|eve|sync-9|2024-05-06 07:08:09+00"),
        lake.query(
            "SELECT id, name, _dp_sync_id, strftime(_dp_extracted_at, '%Y-%m-%d %H:%M:%S+00')"
                + " FROM raw.customers ORDER BY id"));
    assertTrue(Files.exists(file), "the engine, not the load, deletes staged files");
  }

  @Test
  void stagedFilesOfTheTableSchemaBecomeVisibleAtTheCommit() throws Exception {
    Path first = Files.writeString(directory.resolve("work/one.csv"), "1,ann\n2,\n");
    Path second = Files.writeString(directory.resolve("work/two.csv"), "3,\"cid\"\n");
    TableLoad load = session.table(LoadTarget.overwrite(CUSTOMERS), COLUMNS);
    load.stage(COLUMNS, List.of(row(0, "old")), List.of());
    load.commit(commit("0"));
    load.stageFile(first, StagedFormat.CSV, COLUMNS, List.of(), () -> {});
    load.stageFile(second, StagedFormat.CSV, COLUMNS, List.of(), () -> {});
    assertEquals(3, load.stagedRows());
    assertEquals(List.of("0|old"), lake.query("SELECT * FROM raw.customers"));
    var result = load.commit(commit("end"));
    assertEquals(3, result.rowsWritten());
    assertEquals(0, load.stagedRows());
    assertEquals(
        List.of("1|ann", "2|null", "3|cid"), lake.query("SELECT * FROM raw.customers ORDER BY id"));
  }

  @Test
  void filesOfNewKeysGoIntoAKeyedTableWithoutAMergeAndLaterChangesMergeWithThem() throws Exception {
    Path first = Files.writeString(directory.resolve("work/one.csv"), "1,ann\n2,bob\n");
    Path second = Files.writeString(directory.resolve("work/two.csv"), "3,cid\n");
    TableLoad load =
        session.table(LoadTarget.upsert(CUSTOMERS, List.of("id"), DeleteMode.HARD), COLUMNS);
    assertTrue(load.isEmpty());
    load.stageFile(first, StagedFormat.CSV, COLUMNS, List.of(), true, () -> {});
    load.commit(commit("1"));
    assertFalse(load.isEmpty());
    load.stageFile(second, StagedFormat.CSV, COLUMNS, List.of(), true, () -> {});
    var appended = load.commit(commit("2"));
    assertEquals(1, appended.rowsWritten());
    assertEquals(0, appended.rowsDeleted(), "nothing to match: the keys are new");
    load.stage(
        COLUMNS,
        List.of(change(ChangeOperation.UPDATE, 3, "cyd"), change(ChangeOperation.DELETE, 1, null)),
        List.of());
    load.commit(commit("3"), Compaction.DEFERRED);
    assertEquals(List.of("2|bob", "3|cyd"), lake.query("SELECT * FROM raw.customers ORDER BY id"));
  }

  @Test
  void stagedFilesConvertWhileMoreArriveAndAreReleasedOnceRead() throws Exception {
    TableLoad load = session.table(LoadTarget.append(CUSTOMERS), COLUMNS);
    List<Path> files = new java.util.ArrayList<>();
    java.util.Set<Path> released = java.util.concurrent.ConcurrentHashMap.newKeySet();
    // more files than the conversions accept at once: handing them over waits, never deadlocks
    for (int part = 0; part < 9; part++) {
      Path file =
          Files.writeString(
              directory.resolve("work/part-" + part + ".csv"),
              (2 * part) + ",a" + part + "\n" + (2 * part + 1) + ",b" + part + "\n");
      files.add(file);
      load.stageFile(
          file,
          StagedFormat.CSV,
          COLUMNS,
          List.of(),
          () -> {
            released.add(file);
            try {
              Files.delete(file);
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
    }
    assertEquals(18, load.stagedRows());
    assertEquals(java.util.Set.copyOf(files), released);
    assertEquals(18, load.commit(commit("end")).rowsWritten());
    assertEquals(
        List.of("18|0|17|18"),
        lake.query("SELECT count(*), min(id), max(id), count(DISTINCT name) FROM raw.customers"));
  }

  @Test
  void aStagedFileThatCannotBeConvertedFailsTheCommitAndLeavesTheTableAsItWas() throws Exception {
    TableLoad load = session.table(LoadTarget.append(CUSTOMERS), COLUMNS);
    load.stage(COLUMNS, List.of(row(0, "old")), List.of());
    load.commit(commit("0"));
    long before = dataFiles();
    Path good = Files.writeString(directory.resolve("work/good.csv"), "1,ann\n");
    Path bad = Files.writeString(directory.resolve("work/bad.csv"), "2,bob\nnot a number,cid\n");
    int[] released = new int[1];
    load.stageFile(good, StagedFormat.CSV, COLUMNS, List.of(), () -> released[0]++);
    try {
      load.stageFile(bad, StagedFormat.CSV, COLUMNS, List.of(), () -> released[0]++);
    } catch (DpException e) {
      // a failure may also be reported by the next file handed over; the commit reports it anyway
    }
    DpException failure = assertThrows(DpException.class, () -> load.commit(commit("2")));
    assertTrue(
        failure.getMessage().startsWith("Cannot stage file bad.csv for raw.customers: "),
        failure.getMessage());
    assertTrue(failure.getMessage().contains("not a number"), failure.getMessage());
    assertEquals(2, released[0]);
    assertEquals(before, dataFiles(), "the good file's data file is deleted too");
    assertEquals(List.of("0|old"), lake.query("SELECT * FROM raw.customers"));
    load.discard();
    load.stage(COLUMNS, List.of(row(3, "dan")), List.of());
    load.commit(commit("3"));
    assertEquals(List.of("0|old", "3|dan"), lake.query("SELECT * FROM raw.customers ORDER BY id"));
  }

  @Test
  void discardDeletesDataFilesWrittenFromStagedFiles() throws Exception {
    Path file = Files.writeString(directory.resolve("work/one.csv"), "1,ann\n");
    TableLoad load = session.table(LoadTarget.append(CUSTOMERS), COLUMNS);
    load.stage(COLUMNS, List.of(row(0, "old")), List.of());
    load.commit(commit("0"));
    long before = dataFiles();
    load.stageFile(file, StagedFormat.CSV, COLUMNS, List.of(), () -> {});
    assertEquals(1, load.stagedRows());
    assertEquals(before + 1, dataFiles());
    load.discard();
    assertEquals(before, dataFiles());
    assertEquals(0, load.stagedRows());
    load.commit(commit("1"));
    assertEquals(List.of("0|old"), lake.query("SELECT * FROM raw.customers"));
  }

  @Test
  void aLoadedTableKeepsABoundedHistoryAndLosesTheFilesOnlyExpiredSnapshotsHeld() throws Exception {
    TableLoad load = session.table(LoadTarget.overwrite(CUSTOMERS), COLUMNS);
    load.stage(COLUMNS, List.of(row(0, "v0")), List.of());
    load.commit(commit("0"));
    lake.lakehouse
        .catalog()
        .loadTable(org.apache.iceberg.catalog.TableIdentifier.of("raw", "customers"))
        .updateProperties()
        .set("dp.history.max-snapshots", "3")
        .commit();
    for (int version = 1; version <= 8; version++) {
      load.stage(COLUMNS, List.of(row(version, "v" + version)), List.of());
      load.commit(commit(String.valueOf(version)));
    }
    List<String> snapshots = lake.query("SELECT count(*) FROM raw.\"customers$snapshots\"");
    assertTrue(
        List.of("3", "4").contains(snapshots.get(0)),
        "at most the bound and a tenth of it: " + snapshots);
    assertEquals(List.of("8|v8"), lake.query("SELECT * FROM raw.customers"));
    assertEquals(
        "8",
        lake.lakehouse
            .loads()
            .lastCommit(CUSTOMERS, "shop", "public.customers")
            .orElseThrow()
            .commit()
            .state()
            .get("cursor"));
    // each overwrite replaced the one data file; the expired snapshots' files are gone
    assertTrue(dataFiles() <= 4, "data files left: " + dataFiles());
  }

  @Test
  void aTablesPropertiesSetItsCompactionThresholds() {
    TableLoad load =
        session.table(LoadTarget.upsert(CUSTOMERS, List.of("id"), DeleteMode.HARD), COLUMNS);
    List<SourceRecord> rows = new java.util.ArrayList<>();
    for (int id = 1; id <= 10; id++) {
      rows.add(row(id, "n" + id));
    }
    load.stage(COLUMNS, rows, List.of());
    load.commit(commit("1"));
    load.stage(COLUMNS, List.of(change(ChangeOperation.UPDATE, 1, "one")), List.of());
    var merged = load.commit(commit("2"));
    assertEquals(0, merged.filesRewritten(), "1 of 10 rows: under the default 30 %");
    assertEquals(1, merged.rowsDeleted());

    var table =
        lake.lakehouse
            .catalog()
            .loadTable(org.apache.iceberg.catalog.TableIdentifier.of("raw", "customers"));
    table.updateProperties().set("dp.merge.max-deleted-fraction", "lots").commit();
    load.stage(COLUMNS, List.of(change(ChangeOperation.UPDATE, 2, "two")), List.of());
    DpException invalid = assertThrows(DpException.class, () -> load.commit(commit("3")));
    assertEquals(
        "Cannot use the table's compaction properties: dp.merge.max-deleted-fraction must be a"
            + " number from 0 to 1 and dp.merge.max-delete-files a whole number from 0"
            + " (dp.merge.max-deleted-fraction = lots, dp.merge.max-delete-files = null)",
        invalid.getMessage());
    assertEquals(List.of("2|n2"), lake.query("SELECT * FROM raw.customers WHERE id = 2"));

    table.updateProperties().set("dp.merge.max-deleted-fraction", "0.05").commit();
    var compacted = load.commit(commit("3"));
    assertEquals(1, compacted.filesRewritten(), "2 of 10 rows deleted: past 5 %");
    assertEquals(
        List.of("1|one", "2|two", "3|n3"),
        lake.query("SELECT * FROM raw.customers WHERE id <= 3 ORDER BY id"));
  }

  private long dataFiles() throws Exception {
    try (var files = Files.walk(directory)) {
      return files
          .filter(path -> path.toString().endsWith(".parquet"))
          .filter(path -> !path.startsWith(directory.resolve("work")))
          .count();
    }
  }
}

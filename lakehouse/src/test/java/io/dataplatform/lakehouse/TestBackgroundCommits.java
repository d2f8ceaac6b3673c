package io.dataplatform.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dataplatform.api.TableId;
import io.dataplatform.api.connector.ChangeOperation;
import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceMessage.StagedFormat;
import io.dataplatform.api.connector.SourceRecord;
import io.dataplatform.lakehouse.load.CommitResult;
import io.dataplatform.lakehouse.load.DeleteMode;
import io.dataplatform.lakehouse.load.LoadCommit;
import io.dataplatform.lakehouse.load.LoadSession;
import io.dataplatform.lakehouse.load.LoadTarget;
import io.dataplatform.lakehouse.load.PendingCommit;
import io.dataplatform.lakehouse.load.TableLoad;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commits handed to the session's commit thread while the load stages the next rows. */
class TestBackgroundCommits {
  private static final TableId CUSTOMERS = TableId.of("raw", "customers");
  private static final SourceColumn ID = SourceColumn.nullable("id", DataType.INT, "int4");
  private static final SourceColumn NAME = SourceColumn.nullable("name", DataType.STRING, "text");
  private static final SourceColumn CITY = SourceColumn.nullable("city", DataType.STRING, "text");
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

  private static LoadCommit commit(String cursor) {
    return new LoadCommit(
        "shop", "public.customers", "sync-1", Map.of("cursor", cursor), Optional.empty());
  }

  private static SourceRecord row(Object... values) {
    return SourceRecord.read(values);
  }

  private static SourceRecord change(ChangeOperation operation, Object... values) {
    return new SourceRecord(operation, values, Optional.of("0001"));
  }

  private Table table() {
    return lake.lakehouse.catalog().loadTable(TableIdentifier.of("raw", "customers"));
  }

  @Test
  void rowsAndColumnsStagedAfterTheHandOverBelongToTheNextCommit() {
    TableLoad load =
        session.table(LoadTarget.upsert(CUSTOMERS, List.of("id"), DeleteMode.HARD), COLUMNS);
    load.stage(COLUMNS, List.of(row(1, "ann"), row(2, "bob")), List.of());
    PendingCommit first = load.commitInBackground(commit("1"));
    assertEquals(0, load.stagedRows());
    // staged while the first commit may still run: an update, a delete and a new column
    List<SourceColumn> wider = List.of(ID, NAME, CITY);
    load.stage(
        wider,
        List.of(
            change(ChangeOperation.UPDATE, 1, "anna", "Oslo"),
            change(ChangeOperation.DELETE, 2, "bob", null),
            change(ChangeOperation.INSERT, 3, "cid", "Rome")),
        List.of());
    assertEquals(3, load.stagedRows());
    CommitResult firstResult = first.result();
    assertEquals(2, firstResult.rowsWritten());
    // the first commit applied the columns staged before the hand-over only
    Schema firstSchema =
        table().schemas().get(table().snapshot(firstResult.snapshotId()).schemaId());
    assertNull(firstSchema.findField("city"));
    assertEquals("1", table().snapshot(firstResult.snapshotId()).summary().get("dp.state.cursor"));
    assertEquals(2, load.commitInBackground(commit("2")).result().rowsWritten());
    assertEquals(
        List.of("1|anna|Oslo", "3|cid|Rome"),
        lake.query("SELECT id, name, city FROM raw.customers ORDER BY id"));
    assertEquals("2", table().currentSnapshot().summary().get("dp.state.cursor"));
    // a synchronous commit after background ones builds on them
    load.stage(COLUMNS, List.of(row(3, "cyd")), List.of());
    load.commit(commit("3"));
    assertEquals(
        List.of("1|anna|Oslo", "3|cyd|null"),
        lake.query("SELECT id, name, city FROM raw.customers ORDER BY id"));
  }

  @Test
  void filesWrittenAheadAreCommittedWithTheRowsHandedOver() throws Exception {
    Path first = Files.writeString(directory.resolve("work/one.csv"), "1,ann\n2,bob\n");
    Path second = Files.writeString(directory.resolve("work/two.csv"), "3,cid\n");
    TableLoad load = session.table(LoadTarget.append(CUSTOMERS), COLUMNS);
    load.stageFile(first, StagedFormat.CSV, COLUMNS, List.of(), () -> {});
    assertEquals(2, load.stagedRows());
    PendingCommit pending = load.commitInBackground(commit("a"));
    load.stageFile(second, StagedFormat.CSV, COLUMNS, List.of(), () -> {});
    assertEquals(1, load.stagedRows());
    assertEquals(2, pending.result().rowsWritten());
    assertEquals(List.of("1|ann", "2|bob"), lake.query("SELECT * FROM raw.customers ORDER BY id"));
    load.commit(commit("b"));
    assertEquals(
        List.of("1|ann", "2|bob", "3|cid"), lake.query("SELECT * FROM raw.customers ORDER BY id"));
  }
}

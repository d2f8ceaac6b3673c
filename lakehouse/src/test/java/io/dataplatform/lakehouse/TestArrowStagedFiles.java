package io.dataplatform.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import io.dataplatform.api.TableId;
import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceMessage.StagedFormat;
import io.dataplatform.api.connector.SourceRecord;
import io.dataplatform.lakehouse.load.ConstantColumn;
import io.dataplatform.lakehouse.load.DeleteMode;
import io.dataplatform.lakehouse.load.LoadCommit;
import io.dataplatform.lakehouse.load.LoadSession;
import io.dataplatform.lakehouse.load.LoadTarget;
import io.dataplatform.lakehouse.load.TableLoad;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staged Arrow IPC stream files, as the PostgreSQL connector writes them, loaded into tables. */
class TestArrowStagedFiles {
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

  /** An Arrow stream file of (id, name) rows in batches of two; a null name stays NULL. */
  private Path arrowFile(String name, Object[]... rows) throws Exception {
    Path file = directory.resolve("work").resolve(name);
    Schema schema =
        new Schema(
            List.of(
                Field.nullable("id", new ArrowType.Int(32, true)),
                Field.nullable("name", ArrowType.Utf8.INSTANCE)));
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        FileChannel channel =
            FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ArrowStreamWriter writer = new ArrowStreamWriter(root, null, channel)) {
      writer.start();
      IntVector ids = (IntVector) root.getVector(0);
      VarCharVector names = (VarCharVector) root.getVector(1);
      for (int first = 0; first < rows.length; first += 2) {
        root.getFieldVectors().forEach(vector -> vector.reset());
        int count = Math.min(2, rows.length - first);
        for (int row = 0; row < count; row++) {
          ids.setSafe(row, (Integer) rows[first + row][0]);
          Object value = rows[first + row][1];
          if (value == null) {
            names.setNull(row);
          } else {
            names.setSafe(row, ((String) value).getBytes(StandardCharsets.UTF_8));
          }
        }
        root.setRowCount(count);
        writer.writeBatch();
      }
      writer.end();
    }
    return file;
  }

  private static LoadCommit commit(String cursor) {
    return new LoadCommit(
        "shop", "public.customers", "sync-1", Map.of("cursor", cursor), Optional.empty());
  }

  @Test
  void arrowFilesOfTheTableSchemaBecomeDataFilesWithTheConstantColumns() throws Exception {
    Path file =
        arrowFile(
            "chunk-0.arrow",
            new Object[] {1, "ann"},
            new Object[] {2, null},
            new Object[] {3, ""},
            new Object[] {4, "żółw, \"x\""},
            new Object[] {5, "eve"});
    SourceColumn syncId = SourceColumn.nullable("_dp_sync_id", DataType.STRING, "string");
    // created with the constant column, as syncs create tables with their metadata columns
    TableLoad load = session.table(LoadTarget.overwrite(CUSTOMERS), List.of(ID, NAME, syncId));
    boolean[] released = new boolean[1];
    load.stageFile(
        file,
        StagedFormat.ARROW,
        COLUMNS,
        List.of(new ConstantColumn(syncId, "sync-7")),
        () -> released[0] = true);
    assertEquals(5, load.stagedRows());
    assertTrue(released[0], "the file is released once converted");
    load.commit(commit("end"));
    assertEquals(
        List.of(
            "1|ann|sync-7", "2|null|sync-7", "3||sync-7", "4|żółw, \"x\"|sync-7", "5|eve|sync-7"),
        lake.query("SELECT id, name, _dp_sync_id FROM raw.customers ORDER BY id"));
    assertTrue(Files.exists(file), "the engine, not the load, deletes staged files");
    assertEquals(List.of("dp version 0.1.0"), writers("customers"));
  }

  /** The writers named by the data files of a table, as DuckDB reads them. */
  private List<String> writers(String table) throws Exception {
    List<String> writers = new java.util.ArrayList<>();
    try (java.util.stream.Stream<Path> files = Files.walk(directory.resolve("warehouse"));
        java.sql.Connection duck = java.sql.DriverManager.getConnection("jdbc:duckdb:")) {
      for (Path data :
          files
              .filter(path -> path.toString().endsWith(".parquet"))
              .filter(path -> path.toString().contains(table))
              .toList()) {
        try (var statement =
            duck.prepareStatement("SELECT created_by FROM parquet_file_metadata(?)"); ) {
          statement.setString(1, data.toString());
          try (var result = statement.executeQuery()) {
            result.next();
            writers.add(result.getString(1));
          }
        }
      }
    }
    return writers;
  }

  @Test
  void arrowFilesOfAKeyedLoadGoThroughStagingAndKeepTheLatestRowOfEachKey() throws Exception {
    TableLoad load =
        session.table(LoadTarget.upsert(CUSTOMERS, List.of("id"), DeleteMode.HARD), COLUMNS);
    load.stage(
        COLUMNS,
        List.of(
            SourceRecord.read(new Object[] {1, "ann"}), SourceRecord.read(new Object[] {2, "bob"})),
        List.of());
    load.commit(commit("1"));
    Path file = arrowFile("keyed-0.arrow", new Object[] {2, "bobby"}, new Object[] {3, "cid"});
    load.stageFile(file, StagedFormat.ARROW, COLUMNS, List.of(), () -> {});
    load.commit(commit("2"));
    assertEquals(
        List.of("1|ann", "2|bobby", "3|cid"),
        lake.query("SELECT id, name FROM raw.customers ORDER BY id"));
  }

  @Test
  void aDamagedArrowFileFailsItsStageAndLeavesTheTableAsItWas() throws Exception {
    TableLoad load = session.table(LoadTarget.overwrite(CUSTOMERS), COLUMNS);
    load.stage(COLUMNS, List.of(SourceRecord.read(new Object[] {1, "ann"})), List.of());
    load.commit(commit("1"));
    Path whole = arrowFile("whole.arrow", new Object[] {2, "bob"}, new Object[] {3, "cid"});
    byte[] bytes = Files.readAllBytes(whole);
    Path damaged =
        Files.write(
            directory.resolve("work/damaged.arrow"),
            java.util.Arrays.copyOf(bytes, bytes.length / 2));
    DpException error =
        assertThrows(
            DpException.class,
            () -> {
              load.stageFile(damaged, StagedFormat.ARROW, COLUMNS, List.of(), () -> {});
              load.commit(commit("2"));
            });
    assertTrue(
        error.getMessage().startsWith("Cannot stage file damaged.arrow"), error.getMessage());
    assertEquals(List.of("1|ann"), lake.query("SELECT id, name FROM raw.customers"));
  }
}

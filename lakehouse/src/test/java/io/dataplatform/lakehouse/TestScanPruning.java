package io.dataplatform.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.metastore.QueryRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileMetadata;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestScanPruning {
  @TempDir Path directory;
  LakehouseFixture lake;

  @BeforeEach
  void open() {
    lake = new LakehouseFixture(directory);
    lake.update("CREATE SCHEMA s");
  }

  @AfterEach
  void close() {
    lake.close();
  }

  @Test
  void partitionPredicatesReadOnlyMatchingFiles() throws Exception {
    lake.update(
        "CREATE TABLE s.sales (id INTEGER, region VARCHAR, day DATE) PARTITIONED BY (region, month(day))");
    lake.update(
        "INSERT INTO s.sales SELECT range, CASE WHEN range % 2 = 0 THEN 'eu' ELSE 'us' END,"
            + " DATE '2024-01-01' + CAST(range * 10 AS INTEGER) FROM range(60)");
    QueryRecord all = profile("SELECT count(*) FROM s.sales", "60");
    assertEquals(all.filesPlanned(), all.filesScanned());
    QueryRecord eu = profile("SELECT count(*) FROM s.sales WHERE region = 'eu'", "30");
    assertEquals(all.filesPlanned() / 2, eu.filesScanned());
    QueryRecord march =
        profile(
            "SELECT count(*) FROM s.sales WHERE day >= DATE '2024-01-01' + INTERVAL 2 MONTH"
                + " AND day < DATE '2024-04-01' AND region IN ('eu', 'us')",
            "4");
    assertEquals(2, march.filesScanned());
  }

  @Test
  void statisticsPruneSortedColumns() throws Exception {
    lake.update("CREATE TABLE s.events (id BIGINT, name VARCHAR)");
    for (int batch = 0; batch < 4; batch++) {
      lake.update(
          "INSERT INTO s.events SELECT range + " + batch * 100 + ", 'n' || range FROM range(100)");
    }
    QueryRecord one = profile("SELECT name FROM s.events WHERE id = 250", "n50");
    assertEquals(4, one.filesPlanned());
    assertEquals(1, one.filesScanned());
    QueryRecord range =
        profile("SELECT count(*) FROM s.events e WHERE e.id BETWEEN 150 AND 210", "61");
    assertEquals(2, range.filesScanned());
    QueryRecord parameter = profile("SELECT count(*) FROM s.events WHERE id < ?", "100", 100);
    assertEquals(4, parameter.filesScanned());
    QueryRecord deleted = null;
    lake.update("DELETE FROM s.events WHERE id = 5");
    deleted = latest("DELETE FROM s.events WHERE id = 5");
    assertEquals(1, deleted.filesScanned());
    assertEquals(List.of("399"), lake.query("SELECT count(*) FROM s.events"));
  }

  @Test
  void predicatesThatCannotPruneReadEveryFile() throws Exception {
    lake.update("CREATE TABLE s.events (id BIGINT, name VARCHAR)");
    lake.update("INSERT INTO s.events SELECT range, 'a' || range FROM range(10)");
    lake.update("INSERT INTO s.events SELECT range + 10, 'b' || range FROM range(10)");
    QueryRecord or = profile("SELECT count(*) FROM s.events WHERE id = 15 OR name = 'a1'", "2");
    assertEquals(2, or.filesScanned());
    QueryRecord self =
        profile(
            "SELECT count(*) FROM s.events a JOIN s.events b ON a.id = b.id + 10 WHERE a.id = 15",
            "1");
    assertEquals(2, self.filesScanned());
    QueryRecord outer =
        profile(
            "SELECT count(*) FROM (SELECT 15 AS k) k LEFT JOIN s.events e ON e.id = k.k"
                + " WHERE e.id IS NULL OR e.id = 15",
            "1");
    assertEquals(2, outer.filesScanned());
  }

  @Test
  void positionDeletesAreApplied() throws Exception {
    lake.update("CREATE TABLE s.t (id INTEGER, name VARCHAR)");
    lake.update("INSERT INTO s.t SELECT range, 'n' || range FROM range(5)");
    Table table = lake.lakehouse.catalog().loadTable(TableIdentifier.of("s", "t"));
    String dataFile = dataFiles(table).get(0);
    Path deletes = Path.of(table.location(), "data", "deletes-1.parquet");
    try (var duck = DriverManager.getConnection("jdbc:duckdb:");
        var statement = duck.createStatement()) {
      statement.execute(
          "COPY (SELECT * FROM (VALUES ('file:"
              + dataFile
              + "', 1::BIGINT), ('file:"
              + dataFile
              + "', 3::BIGINT)) v(file_path, pos))"
              + " TO '"
              + deletes
              + "' (FORMAT parquet, FIELD_IDS {file_path: 2147483546, pos: 2147483545})");
    }
    DeleteFile delete =
        FileMetadata.deleteFileBuilder(table.spec())
            .ofPositionDeletes()
            .withPath(deletes.toString())
            .withFormat(FileFormat.PARQUET)
            .withFileSizeInBytes(Files.size(deletes))
            .withRecordCount(2)
            .build();
    table.newRowDelta().addDeletes(delete).commit();
    assertEquals(List.of("0", "2", "4"), lake.query("SELECT id FROM s.t ORDER BY id"));
    lake.update("UPDATE s.t SET name = 'x' WHERE id = 4");
    assertEquals(List.of("0|n0", "2|n2", "4|x"), lake.query("SELECT * FROM s.t ORDER BY id"));
  }

  @Test
  void equalityDeletesAreRefused() throws Exception {
    lake.update("CREATE TABLE s.t (id INTEGER)");
    lake.update("INSERT INTO s.t VALUES (1), (2)");
    Table table = lake.lakehouse.catalog().loadTable(TableIdentifier.of("s", "t"));
    Path deletes = Path.of(table.location(), "data", "eq-deletes.parquet");
    try (var duck = DriverManager.getConnection("jdbc:duckdb:");
        var statement = duck.createStatement()) {
      statement.execute(
          "COPY (SELECT 1 AS id) TO '" + deletes + "' (FORMAT parquet, FIELD_IDS {id: 1})");
    }
    table
        .newRowDelta()
        .addDeletes(
            FileMetadata.deleteFileBuilder(table.spec())
                .ofEqualityDeletes(1)
                .withPath(deletes.toString())
                .withFormat(FileFormat.PARQUET)
                .withFileSizeInBytes(Files.size(deletes))
                .withRecordCount(1)
                .build())
        .commit();
    DpException error = assertThrows(DpException.class, () -> lake.query("SELECT * FROM s.t"));
    assertEquals(StandardErrorCode.NOT_SUPPORTED, error.code());
    assertEquals(
        "Cannot read table: equality deletes are not supported; compact the table first (dp.s.t)",
        error.getMessage());
  }

  private static List<String> dataFiles(Table table) throws Exception {
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      List<String> paths = new java.util.ArrayList<>();
      tasks.forEach(task -> paths.add(task.file().location()));
      return paths;
    }
  }

  private QueryRecord profile(String sql, String expected, Object... parameters) throws Exception {
    assertEquals(List.of(expected), lake.query(sql, parameters));
    return latest(sql);
  }

  private QueryRecord latest(String sql) throws Exception {
    long deadline = System.currentTimeMillis() + 2000;
    while (System.currentTimeMillis() < deadline) {
      Optional<QueryRecord> record =
          lake.metastore.queries().recent(Optional.empty(), 50).stream()
              .filter(r -> r.sql().equals(sql))
              .findFirst();
      if (record.isPresent()) {
        return record.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no history record for " + sql);
  }
}

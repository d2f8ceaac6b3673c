package io.dataplatform.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.TableId;
import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceMessage.StagedFormat;
import io.dataplatform.lakehouse.load.LoadCommit;
import io.dataplatform.lakehouse.load.LoadSession;
import io.dataplatform.lakehouse.load.LoadTarget;
import io.dataplatform.lakehouse.load.TableLoad;
import io.dataplatform.metastore.MetastoreConfig;
import io.dataplatform.metastore.QueryRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
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
import software.amazon.awssdk.services.s3.model.S3Object;

/** The lakehouse on {@code s3://warehouse/lake}, served by an in-process S3 endpoint. */
class S3LakehouseIT {
  @TempDir Path directory;
  private S3StoreFixture store;

  @BeforeEach
  void startStore() throws Exception {
    store = new S3StoreFixture(directory.resolve("blobs"));
    store.client.createBucket(request -> request.bucket("warehouse"));
  }

  @AfterEach
  void stopStore() throws Exception {
    if (store != null) {
      store.close();
    }
  }

  private LakehouseFixture open(String cache) {
    return new LakehouseFixture(
        MetastoreConfig.embedded(directory),
        LakehouseConfig.of(store.lake(directory.resolve(cache))));
  }

  @Test
  void tablesLiveOnS3AndAColdCacheReadsTheSameAnswers() throws Exception {
    List<String> queries =
        List.of(
            "SELECT region, count(*), sum(amount) FROM shop.orders GROUP BY region ORDER BY region",
            "SELECT id, amount FROM shop.orders WHERE region = 'eu' ORDER BY id",
            "SELECT count(*) FROM shop.orders WHERE id >= 100");
    List<List<String>> answers;
    long firstSnapshot;
    try (LakehouseFixture lake = open("cache-1")) {
      lake.update("CREATE SCHEMA shop");
      assertEquals(
          30,
          lake.update(
              "CREATE TABLE shop.orders PARTITIONED BY (region) AS SELECT range AS id,"
                  + " CASE range % 3 WHEN 0 THEN 'eu' WHEN 1 THEN 'us' ELSE 'apac' END AS region,"
                  + " CAST(range AS DOUBLE) * 1.5 AS amount FROM range(30)"));
      firstSnapshot = currentSnapshot(lake);
      assertEquals(
          3,
          lake.update(
              "INSERT INTO shop.orders VALUES (100, 'eu', 1), (101, 'us', 2), (102, 'eu', 3)"));
      assertEquals(
          List.of("1.0", "3.0"),
          lake.query("SELECT amount FROM shop.orders WHERE id IN (100, 102) ORDER BY id"));
      assertEquals(2, lake.update("UPDATE shop.orders SET amount = -1 WHERE id IN (0, 100)"));
      assertEquals(1, lake.update("DELETE FROM shop.orders WHERE id = 3"));
      QueryRecord eu = profile(lake, "SELECT count(*) FROM shop.orders WHERE region = 'eu'", "11");
      assertEquals(1, eu.filesScanned(), "one partition's files only");
      assertTrue(eu.filesPlanned() > eu.filesScanned());
      assertEquals(
          List.of("30"),
          lake.query("SELECT count(*) FROM shop.orders FOR VERSION AS OF " + firstSnapshot));
      assertEquals(
          List.of("0|0.0", "3|4.5"),
          lake.query(
              "SELECT id, amount FROM shop.orders FOR VERSION AS OF "
                  + firstSnapshot
                  + " WHERE id IN (0, 3) ORDER BY id"));
      answers = queries.stream().map(lake::query).toList();
      assertEquals(
          List.of("-1.0", "-1.0"),
          lake.query("SELECT amount FROM shop.orders WHERE id IN (0, 100) ORDER BY id"));
      assertSandboxed(lake);
    }

    List<String> metadata = keys("lake/shop/orders/metadata/");
    assertTrue(
        metadata.stream().anyMatch(key -> key.endsWith(".metadata.json")), metadata.toString());
    assertTrue(metadata.stream().anyMatch(key -> key.endsWith(".avro")), metadata.toString());
    List<String> data = keys("lake/shop/orders/data/");
    assertTrue(data.size() >= 4, data.toString());
    assertTrue(data.stream().allMatch(key -> key.endsWith(".parquet")), data.toString());
    assertFalse(Files.exists(directory.resolve("warehouse")), "nothing is written locally");
    assertTrue(cachedFiles("cache-1") > 0, "written files are adopted by the cache");

    try (LakehouseFixture cold = open("cache-2")) {
      assertEquals(0, cachedFiles("cache-2"));
      assertEquals(answers, queries.stream().map(cold::query).toList());
      assertEquals(
          List.of("30"),
          cold.query("SELECT count(*) FROM shop.orders FOR VERSION AS OF " + firstSnapshot));
      assertTrue(cachedFiles("cache-2") > 0, "the cold instance downloaded what it read");
    }
  }

  @Test
  void positionDeletesOnS3AreApplied() throws Exception {
    try (LakehouseFixture lake = open("cache")) {
      lake.update("CREATE SCHEMA s");
      lake.update("CREATE TABLE s.t AS SELECT range AS id, 'n' || range AS name FROM range(5)");
      Table table = lake.lakehouse.catalog().loadTable(TableIdentifier.of("s", "t"));
      String dataFile;
      try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
        dataFile = tasks.iterator().next().file().location();
      }
      assertTrue(dataFile.startsWith("s3://warehouse/lake/s/t/data/"), dataFile);
      Path local = directory.resolve("deletes.parquet");
      try (var duck = DriverManager.getConnection("jdbc:duckdb:");
          var statement = duck.createStatement()) {
        statement.execute(
            "COPY (SELECT * FROM (VALUES ('"
                + dataFile
                + "', 1::BIGINT), ('"
                + dataFile
                + "', 3::BIGINT)) v(file_path, pos)) TO '"
                + local
                + "' (FORMAT parquet, FIELD_IDS {file_path: 2147483546, pos: 2147483545})");
      }
      String location = table.location() + "/data/deletes-1.parquet";
      try (InputStream in = Files.newInputStream(local);
          OutputStream out = table.io().newOutputFile(location).create()) {
        in.transferTo(out);
      }
      DeleteFile delete =
          FileMetadata.deleteFileBuilder(table.spec())
              .ofPositionDeletes()
              .withPath(location)
              .withFormat(FileFormat.PARQUET)
              .withFileSizeInBytes(Files.size(local))
              .withRecordCount(2)
              .build();
      table.newRowDelta().addDeletes(delete).commit();
      assertEquals(List.of("0", "2", "4"), lake.query("SELECT id FROM s.t ORDER BY id"));
      lake.update("UPDATE s.t SET name = 'x' WHERE id = 4");
      assertEquals(List.of("0|n0", "2|n2", "4|x"), lake.query("SELECT * FROM s.t ORDER BY id"));
    }
  }

  /** User SQL reads neither the object store's files nor the cache's internals by path. */
  private void assertSandboxed(LakehouseFixture lake) throws IOException {
    String blob;
    try (Stream<Path> files = Files.walk(directory.resolve("blobs"))) {
      blob =
          files
              .filter(file -> file.toString().endsWith(".parquet"))
              .findFirst()
              .orElseThrow()
              .toString();
    }
    DpException error =
        assertThrows(
            DpException.class, () -> lake.query("SELECT * FROM read_parquet('" + blob + "')"));
    assertEquals(StandardErrorCode.PERMISSION_DENIED, error.code(), error.getMessage());
    assertTrue(error.getMessage().contains("Permission Error"), error.getMessage());
  }

  @Test
  void stagedFilesAreUploadedAndCommittedOrDiscarded() throws Exception {
    List<SourceColumn> columns =
        List.of(
            SourceColumn.nullable("id", DataType.INT, "int4"),
            SourceColumn.nullable("name", DataType.STRING, "text"));
    TableId customers = TableId.of("raw", "customers");
    Path work = Files.createDirectories(directory.resolve("work"));
    LoadCommit commit =
        new LoadCommit("shop", "public.customers", "sync-1", Map.of(), Optional.empty());
    try (LakehouseFixture lake = open("cache-load");
        LoadSession session = lake.lakehouse.loads().open(work)) {
      TableLoad load = session.table(LoadTarget.overwrite(customers), columns);
      for (int chunk = 0; chunk < 3; chunk++) {
        Path file = work.resolve("chunk-" + chunk + ".csv");
        Files.writeString(file, chunk + ",name " + chunk + "\n" + (chunk + 10) + ",\n");
        load.stageFile(file, StagedFormat.CSV, columns, List.of(), () -> {});
      }
      assertEquals(6, load.commit(commit).rowsWritten());
      assertEquals(
          List.of("0|name 0", "1|name 1", "2|name 2", "10|null", "11|null", "12|null"),
          lake.query("SELECT * FROM raw.customers ORDER BY id"));
      List<String> data = dataKeys();
      assertEquals(3, data.size(), data.toString());
      Path extra = Files.writeString(work.resolve("extra.csv"), "99,late\n");
      load.stageFile(extra, StagedFormat.CSV, columns, List.of(), () -> {});
      load.discard();
      assertEquals(data, dataKeys());
      assertEquals(6L, Long.parseLong(lake.query("SELECT count(*) FROM raw.customers").get(0)));
    }
  }

  private List<String> dataKeys() {
    return keys("").stream().filter(key -> key.endsWith(".parquet")).sorted().toList();
  }

  private List<String> keys(String prefix) {
    return store
        .client
        .listObjectsV2Paginator(request -> request.bucket("warehouse").prefix(prefix))
        .contents()
        .stream()
        .map(S3Object::key)
        .toList();
  }

  private long cachedFiles(String cache) throws IOException {
    Path files = directory.resolve(cache).resolve("files");
    if (!Files.isDirectory(files)) {
      return 0;
    }
    try (Stream<Path> listing = Files.list(files)) {
      return listing.count();
    }
  }

  private static long currentSnapshot(LakehouseFixture lake) {
    return lake.lakehouse
        .catalog()
        .loadTable(TableIdentifier.of("shop", "orders"))
        .currentSnapshot()
        .snapshotId();
  }

  private static QueryRecord profile(LakehouseFixture lake, String sql, String expected)
      throws InterruptedException {
    assertEquals(List.of(expected), lake.query(sql));
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

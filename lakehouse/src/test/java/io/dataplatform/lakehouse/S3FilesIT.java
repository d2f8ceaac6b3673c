package io.dataplatform.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import io.dataplatform.api.SourcePosition;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.lakehouse.io.S3Warehouse;
import io.dataplatform.lakehouse.sql.ColumnDescriptor;
import io.dataplatform.metastore.MetastoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** SQL over objects users put in other buckets of the store the lake lives in. */
class S3FilesIT {
  @TempDir Path directory;
  private S3StoreFixture store;

  @BeforeEach
  void startStore() throws Exception {
    store = new S3StoreFixture(directory.resolve("blobs"));
    store.client.createBucket(request -> request.bucket("warehouse"));
    store.client.createBucket(request -> request.bucket("staging"));
  }

  @AfterEach
  void stopStore() throws Exception {
    if (store != null) {
      store.close();
    }
  }

  private LakehouseFixture open(long cacheMaxBytes) {
    S3Warehouse warehouse = store.lake(directory.resolve("cache")).withCacheMaxBytes(cacheMaxBytes);
    return new LakehouseFixture(MetastoreConfig.embedded(directory), LakehouseConfig.of(warehouse));
  }

  private void put(String key, String content) {
    store.client.putObject(
        request -> request.bucket("staging").key(key),
        RequestBody.fromString(content, StandardCharsets.UTF_8));
  }

  /** Uploads a Parquet file DuckDB wrote from a query. */
  private void putParquet(String key, String query) throws Exception {
    Path file = directory.resolve("upload-" + key.replace('/', '_'));
    try (var duck = DriverManager.getConnection("jdbc:duckdb:");
        var statement = duck.createStatement()) {
      statement.execute("COPY (" + query + ") TO '" + file + "' (FORMAT parquet)");
    }
    store.client.putObject(
        request -> request.bucket("staging").key(key), RequestBody.fromFile(file));
  }

  @Test
  void loadsAndQueriesObjectsOutsideTheLake() throws Exception {
    putParquet(
        "tpch/lineitem.parquet",
        "SELECT range AS l_orderkey, range % 7 AS l_linenumber, range * 1.5 AS l_quantity"
            + " FROM range(1000)");
    put("landing/2026-01.csv", "id,amount\n1,10\n2,20\n");
    put("landing/2026-02.csv", "id,amount\n3,30\n");
    put("landing/2025-12.csv", "id,amount\n4,40\n");
    put("landing/archive/2026-03.csv", "id,amount\n5,50\n");
    put("events/a.json", "{\"kind\": \"click\"}\n");
    put("events/2026/b.json", "{\"kind\": \"view\"}\n");
    put("events/2026/01/c.json", "{\"kind\": \"click\"}\n");
    put("events/2026/01/c.txt", "not json");
    try (LakehouseFixture lake = open(S3Warehouse.DEFAULT_CACHE_MAX_BYTES)) {
      lake.update("CREATE SCHEMA tpch");
      assertEquals(
          1000,
          lake.update(
              "CREATE TABLE tpch.lineitem AS SELECT * FROM"
                  + " read_parquet('s3://staging/tpch/lineitem.parquet')"));
      assertEquals(
          List.of("1000|749250.0"),
          lake.query("SELECT count(*), sum(l_quantity) FROM tpch.lineitem"));

      assertEquals(
          List.of("3|60"),
          lake.query(
              "SELECT count(*), sum(amount) FROM"
                  + " read_csv('s3://staging/landing/2026-*.csv', header = true)"),
          "* stays within one level of keys");
      assertEquals(
          List.of("5"),
          lake.query(
              "SELECT count(*) FROM read_csv('s3://staging/landing/**/*.csv', header = true)"));
      assertEquals(
          List.of("click|2", "view|1"),
          lake.query(
              "SELECT kind, count(*) FROM read_json('s3://staging/events/**/*.json')"
                  + " GROUP BY kind ORDER BY kind"));
      assertEquals(
          List.of("1|10", "4|40", "5|50"),
          lake.query(
              "SELECT id, amount FROM read_csv(['s3://staging/landing/2026-01.csv',"
                  + " 's3://staging/landing/[a2]*/2026-0?.csv', 's3://staging/landing/2025-12.csv'],"
                  + " header = true) WHERE id <> 2 AND id <> 3 ORDER BY id"));

      lake.update("CREATE TABLE tpch.payments (id BIGINT, amount BIGINT)");
      assertEquals(
          3,
          lake.update(
              "INSERT INTO tpch.payments SELECT id, amount FROM"
                  + " read_csv('s3://staging/landing/2026-*.csv', header = true)"));
      assertEquals(List.of("60"), lake.query("SELECT sum(amount) FROM tpch.payments"));

      assertEquals(
          List.of("s3://staging/tpch/lineitem.parquet|7"),
          lake.query(
              "SELECT 's3://staging/tpch/lineitem.parquet', count(DISTINCT l_linenumber)"
                  + " FROM read_parquet('s3://staging/tpch/lineitem.parquet')"),
          "a string that is not a file argument stays as written");
      assertEquals(List.of("s3://x/y"), lake.query("SELECT 's3://x/y'"));

      assertEquals(
          1,
          lake.update(
              "UPDATE tpch.payments SET amount = c.amount * 2"
                  + " FROM read_csv('s3://staging/landing/2026-02.csv', header = true) c"
                  + " WHERE payments.id = c.id"));
      assertEquals(List.of("90"), lake.query("SELECT sum(amount) FROM tpch.payments"));
      assertEquals(
          1,
          lake.update(
              "MERGE INTO tpch.payments p"
                  + " USING read_csv('s3://staging/landing/2025-12.csv', header = true) c"
                  + " ON p.id = c.id WHEN NOT MATCHED THEN INSERT VALUES (c.id, c.amount)"));
      assertEquals(List.of("130"), lake.query("SELECT sum(amount) FROM tpch.payments"));
      lake.update(
          "CREATE VIEW tpch.landing AS SELECT * FROM"
              + " read_csv('s3://staging/landing/2026-*.csv', header = true)");
      put("landing/2026-04.csv", "id,amount\n6,60\n");
      assertEquals(
          List.of("4|120"),
          lake.query("SELECT count(*), sum(amount) FROM tpch.landing"),
          "a view over a glob reads the objects that match when it is queried");
      assertSandboxed(lake);
    }
  }

  /** DuckDB still reads neither S3 nor the store's files itself. */
  private void assertSandboxed(LakehouseFixture lake) throws Exception {
    DpException replacementScan =
        assertThrows(
            DpException.class,
            () -> lake.query("SELECT count(*) FROM 's3://staging/landing/2026-01.csv'"));
    assertTrue(
        replacementScan.getMessage().contains("s3://staging/landing/2026-01.csv"),
        replacementScan.getMessage());
    Path blob;
    try (var files = Files.walk(directory.resolve("blobs"))) {
      blob = files.filter(file -> file.endsWith("2026-01.csv")).findFirst().orElseThrow();
    }
    DpException direct =
        assertThrows(DpException.class, () -> lake.query("SELECT * FROM read_csv('" + blob + "')"));
    assertEquals(StandardErrorCode.PERMISSION_DENIED, direct.code(), direct.getMessage());
  }

  @Test
  void readsTheCurrentVersionOfAnObjectThatChanged() {
    put("mutable/data.csv", "id\n1\n2\n");
    try (LakehouseFixture lake = open(S3Warehouse.DEFAULT_CACHE_MAX_BYTES)) {
      String query = "SELECT sum(id) FROM read_csv('s3://staging/mutable/data.csv', header = true)";
      assertEquals(List.of("3"), lake.query(query));
      assertEquals(List.of("3"), lake.query(query));
      put("mutable/data.csv", "id\n10\n20\n30\n");
      assertEquals(List.of("60"), lake.query(query));
      put("mutable/more.csv", "id\n100\n");
      assertEquals(
          List.of("160"),
          lake.query("SELECT sum(id) FROM read_csv('s3://staging/mutable/*.csv', header = true)"));
    }
  }

  @Test
  void preparedStatementsAndDescribeReadObjects() {
    put("landing/2026-01.csv", "id,amount\n1,10\n2,20\n");
    try (LakehouseFixture lake = open(S3Warehouse.DEFAULT_CACHE_MAX_BYTES)) {
      String sql =
          "SELECT id, amount FROM read_csv('s3://staging/landing/2026-01.csv', header = true)"
              + " WHERE amount > ?";
      assertEquals(List.of("2|20"), lake.query(sql, 15));
      List<ColumnDescriptor> columns = lake.lakehouse.sql().describe(LakehouseFixture.SESSION, sql);
      assertEquals(List.of("id", "amount"), columns.stream().map(ColumnDescriptor::name).toList());
    }
  }

  @Test
  void reportsWhatCannotBeRead() {
    put("landing/2026-01.csv", "id,amount\n1,10\n");
    try (LakehouseFixture lake = open(S3Warehouse.DEFAULT_CACHE_MAX_BYTES)) {
      DpException missing =
          assertThrows(
              DpException.class,
              () -> lake.query("SELECT *\nFROM read_parquet('s3://staging/tpch/nope.parquet')"));
      assertEquals(
          "Cannot read s3://staging/tpch/nope.parquet: no such object", missing.getMessage());
      assertEquals(StandardErrorCode.NOT_FOUND, missing.code());
      assertEquals(Optional.of(new SourcePosition(2, 19)), missing.position());

      DpException noMatch =
          assertThrows(
              DpException.class,
              () -> lake.query("SELECT * FROM read_csv('s3://staging/landing/1999-*.csv')"));
      assertEquals(
          "Cannot read s3://staging/landing/1999-*.csv: No files found that match the pattern"
              + " \"s3://staging/landing/1999-*.csv\"",
          noMatch.getMessage());

      DpException noBucket =
          assertThrows(
              DpException.class, () -> lake.query("SELECT * FROM read_csv('s3://nobucket/*.csv')"));
      assertEquals(
          "Cannot read s3://nobucket/*.csv: no such bucket (nobucket)", noBucket.getMessage());

      String misspelt =
          "SELECT * FROM read_csv('s3://staging/landing/2026-01.csv') WHERE nosuch = 1";
      DpException afterRewrite = assertThrows(DpException.class, () -> lake.query(misspelt));
      assertTrue(afterRewrite.getMessage().contains("nosuch"), afterRewrite.getMessage());
      assertEquals(
          Optional.of(new SourcePosition(1, misspelt.indexOf("nosuch") + 1)),
          afterRewrite.position(),
          "positions after a replaced literal point into the statement as written");
    }
  }

  @Test
  void refusesStatementsThatWouldOverfillTheCache() {
    put("big/blob.txt", "x".repeat((int) S3Warehouse.MIN_CACHE_MAX_BYTES + 1));
    put("big/small.txt", "small");
    try (LakehouseFixture lake = open(S3Warehouse.MIN_CACHE_MAX_BYTES)) {
      assertEquals(
          List.of("5"),
          lake.query("SELECT length(content) FROM read_text('s3://staging/big/small.txt')"));
      DpException error =
          assertThrows(
              DpException.class,
              () -> lake.query("SELECT length(content) FROM read_text('s3://staging/big/*.txt')"));
      assertEquals(
          "Cannot read s3://staging/big/blob.txt and 1 more object: the statement would fetch "
              + (S3Warehouse.MIN_CACHE_MAX_BYTES + 6)
              + " bytes from S3, more than the lake cache holds (lakehouse.cache.max-bytes = "
              + S3Warehouse.MIN_CACHE_MAX_BYTES
              + "); read fewer objects or raise the limit",
          error.getMessage());
    }
  }

  @Test
  void aLocalWarehouseRefusesS3Locations() throws Exception {
    Path warehouse = directory.resolve("warehouse");
    try (LakehouseFixture lake = new LakehouseFixture(directory)) {
      DpException error =
          assertThrows(
              DpException.class,
              () -> lake.query("SELECT * FROM read_parquet('s3://staging/tpch/lineitem.parquet')"));
      assertEquals(
          "Cannot read s3://staging/tpch/lineitem.parquet: the warehouse is not on S3; SQL reads"
              + " local files in the warehouse directory only",
          error.getMessage());
      Files.writeString(warehouse.resolve("local.csv"), "id\n7\n");
      assertEquals(
          List.of("7"),
          lake.query("SELECT id FROM read_csv('" + warehouse.resolve("local.csv") + "')"));
      assertEquals(List.of("s3://staging/x"), lake.query("SELECT 's3://staging/x'"));
    }
  }
}

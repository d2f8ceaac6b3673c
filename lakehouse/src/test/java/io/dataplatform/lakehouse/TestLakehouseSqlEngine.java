package io.dataplatform.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import io.dataplatform.api.SourcePosition;
import io.dataplatform.api.StandardErrorCode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestLakehouseSqlEngine {
  @TempDir Path directory;
  LakehouseFixture lake;

  @BeforeEach
  void open() {
    lake = new LakehouseFixture(directory);
    lake.update("CREATE SCHEMA shop");
  }

  @AfterEach
  void close() {
    lake.close();
  }

  @Test
  void createInsertSelect() {
    lake.update(
        "CREATE TABLE shop.orders (id INTEGER NOT NULL, customer VARCHAR, amount DECIMAL(10,2), day DATE)");
    assertEquals(
        2,
        lake.update(
            "INSERT INTO shop.orders VALUES (1, 'ann', 10.50, DATE '2024-01-02'), (2, 'bob', 3.25, DATE '2024-02-03')"));
    assertEquals(1, lake.update("INSERT INTO shop.orders (customer, id) SELECT 'cid', 3"));
    assertEquals(
        List.of("1|ann|10.50|2024-01-02", "2|bob|3.25|2024-02-03", "3|cid|null|null"),
        lake.query("SELECT * FROM shop.orders ORDER BY id"));
    assertEquals(
        List.of("2"), lake.query("SELECT count(*) FROM \"shop\".\"orders\" WHERE amount > ?", 1));
    assertEquals(List.of("3"), lake.query("SELECT count(*) FROM SHOP.\"Orders\""));
  }

  @Test
  void createTableAsSelectAndPartitioning() {
    lake.update(
        "CREATE TABLE shop.events (id BIGINT, region VARCHAR, ts TIMESTAMP, name VARCHAR)"
            + " PARTITIONED BY (month(ts), bucket(4, id), region, truncate(2, name))");
    lake.update(
        "INSERT INTO shop.events SELECT range, CASE WHEN range % 2 = 0 THEN 'eu' ELSE 'us' END,"
            + " TIMESTAMP '2024-01-01' + INTERVAL (range * 20) DAY, 'n' || range FROM range(20)");
    assertEquals(
        List.of("20|10"),
        lake.query("SELECT count(*), count(*) FILTER (WHERE region = 'eu') FROM shop.events"));
    assertEquals(
        3,
        lake.update(
            "CREATE TABLE shop.copy PARTITIONED BY (region) AS SELECT id, region FROM shop.events WHERE id < 3"));
    assertEquals(
        List.of("0|eu", "1|us", "2|eu"), lake.query("SELECT * FROM shop.copy ORDER BY id"));
    assertEquals(
        1,
        lake.update("CREATE OR REPLACE TABLE shop.copy AS SELECT * FROM shop.copy WHERE id = 1"));
    assertEquals(List.of("1|us"), lake.query("SELECT * FROM shop.copy"));
    lake.update("CREATE OR REPLACE TABLE shop.copy (x INTEGER)");
    assertEquals(List.of(), lake.query("SELECT * FROM shop.copy"));
    assertEquals(
        List.of("month(ts)", "bucket(4, id)", "region", "truncate(2, name)"),
        lake.lakehouse
            .browser()
            .describe(io.dataplatform.api.TableId.of("shop", "events"))
            .partitioning());
  }

  @Test
  void updateDeleteMerge() {
    lake.update("CREATE TABLE shop.items (id INTEGER, name VARCHAR)");
    lake.update("INSERT INTO shop.items VALUES (1, 'a'), (2, 'b')");
    lake.update("INSERT INTO shop.items VALUES (3, 'c'), (4, 'd')");
    assertEquals(1, lake.update("UPDATE shop.items SET name = 'bb' WHERE id = 2"));
    assertEquals(1, lake.update("DELETE FROM shop.items WHERE id = 3"));
    lake.update("CREATE TABLE shop.changes (id INTEGER, name VARCHAR)");
    lake.update("INSERT INTO shop.changes VALUES (1, 'aa'), (9, 'z')");
    assertEquals(
        2,
        lake.update(
            "MERGE INTO shop.items USING shop.changes c ON shop.items.id = c.id"
                + " WHEN MATCHED THEN UPDATE SET name = c.name WHEN NOT MATCHED THEN INSERT VALUES (c.id, c.name)"));
    assertEquals(
        List.of("1|aa", "2|bb", "4|d", "9|z"), lake.query("SELECT * FROM shop.items ORDER BY id"));
  }

  @Test
  void failedStatementLeavesTableUnchanged() {
    lake.update("CREATE TABLE shop.t (id INTEGER NOT NULL)");
    lake.update("INSERT INTO shop.t VALUES (1)");
    DpException error =
        assertThrows(DpException.class, () -> lake.update("INSERT INTO shop.t VALUES (2), (NULL)"));
    assertEquals("Cannot insert: NULL in a NOT NULL column (dp.shop.t)", error.getMessage());
    DpException cast =
        assertThrows(
            DpException.class, () -> lake.update("UPDATE shop.t SET id = 'x' WHERE id = 1"));
    assertTrue(cast.getMessage().startsWith("Cannot run SQL: Conversion Error"), cast.getMessage());
    assertEquals(List.of("1"), lake.query("SELECT * FROM shop.t"));
  }

  @Test
  void alterTableEvolvesSchema() {
    lake.update("CREATE TABLE shop.people (id INTEGER, name VARCHAR)");
    lake.update("INSERT INTO shop.people VALUES (1, 'ann')");
    lake.update("ALTER TABLE shop.people RENAME COLUMN name TO full_name");
    lake.update("ALTER TABLE shop.people ADD COLUMN age INTEGER");
    lake.update("INSERT INTO shop.people VALUES (2, 'bob', 40)");
    assertEquals(
        List.of("1|ann|null", "2|bob|40"),
        lake.query("SELECT id, full_name, age FROM shop.people ORDER BY id"));
    lake.update("ALTER TABLE shop.people DROP COLUMN age");
    assertEquals(List.of("1|ann", "2|bob"), lake.query("SELECT * FROM shop.people ORDER BY id"));
  }

  @Test
  void viewsAreExpandedAndNest() {
    lake.update("CREATE TABLE shop.items (id INTEGER, price INTEGER)");
    lake.update("INSERT INTO shop.items VALUES (1, 5), (2, 50)");
    lake.update("CREATE VIEW shop.expensive AS SELECT * FROM shop.items WHERE price > 10");
    lake.update("CREATE OR REPLACE VIEW shop.expensive_ids AS SELECT id FROM shop.expensive");
    assertEquals(
        List.of("2|50"),
        lake.query(
            "SELECT e.id, i.price FROM shop.expensive_ids e JOIN shop.items i ON e.id = i.id"));
    lake.update("DROP VIEW shop.expensive_ids");
    DpException error =
        assertThrows(DpException.class, () -> lake.query("SELECT * FROM shop.expensive_ids"));
    assertEquals(StandardErrorCode.SQL_ERROR, error.code());
    assertTrue(error.getMessage().contains("expensive_ids does not exist"), error.getMessage());
  }

  @Test
  void timeTravelAndSnapshotsTable() throws Exception {
    lake.update("CREATE TABLE shop.t (id INTEGER)");
    lake.update("INSERT INTO shop.t VALUES (1)");
    String first =
        lake.query("SELECT snapshot_id FROM shop.\"t$snapshots\" ORDER BY committed_at").get(0);
    Thread.sleep(20);
    String between = java.time.Instant.now().toString();
    Thread.sleep(20);
    lake.update("INSERT INTO shop.t VALUES (2)");
    assertEquals(List.of("1"), lake.query("SELECT * FROM shop.t FOR VERSION AS OF " + first));
    assertEquals(
        List.of("1"), lake.query("SELECT * FROM shop.t FOR TIMESTAMP AS OF '" + between + "'"));
    assertEquals(
        List.of("1|2"),
        lake.query(
            "SELECT count(*), (SELECT count(*) FROM shop.t) FROM shop.t"
                + " FOR SYSTEM_TIME AS OF TIMESTAMP '"
                + between.replace('T', ' ').replace("Z", "")
                + "'"));
    assertEquals(List.of("2"), lake.query("SELECT count(*) FROM shop.t"));
    assertEquals(List.of("2"), lake.query("SELECT count(*) FROM shop.\"t$files\""));
    assertEquals(
        List.of("append"), lake.query("SELECT DISTINCT operation FROM shop.\"t$snapshots\""));
    assertEquals(
        List.of("2|2"),
        lake.query(
            "SELECT count(*), count(*) FILTER (WHERE is_current_ancestor) FROM shop.\"t$history\""));
  }

  @Test
  void errorsCarryPositions() {
    DpException missing =
        assertThrows(DpException.class, () -> lake.query("SELECT *\nFROM shop.nothing"));
    assertEquals(StandardErrorCode.SQL_ERROR, missing.code());
    assertTrue(
        missing
            .getMessage()
            .startsWith("Cannot run SQL: Catalog Error: Table with name nothing does not exist"),
        missing.getMessage());
    assertEquals(new SourcePosition(2, 6), missing.position().orElseThrow());
    DpException syntax = assertThrows(DpException.class, () -> lake.query("SELECT 1 FROM WHERE"));
    assertEquals(new SourcePosition(1, 15), syntax.position().orElseThrow());
    lake.update("CREATE TABLE shop.t (id INTEGER)");
    DpException insert =
        assertThrows(DpException.class, () -> lake.update("INSERT INTO shop.t\nSELECT nope"));
    assertTrue(insert.getMessage().startsWith("Cannot run SQL: Binder Error"), insert.getMessage());
    assertEquals(new SourcePosition(2, 8), insert.position().orElseThrow());
    DpException travel =
        assertThrows(
            DpException.class,
            () -> lake.query("SELECT * FROM shop.t FOR VERSION AS OF 1 WHERE nope = 1"));
    assertEquals("Cannot time travel: no such snapshot (dp.shop.t, 1)", travel.getMessage());
    DpException dropped =
        assertThrows(DpException.class, () -> lake.update("DROP TABLE shop.nothing"));
    assertEquals("Cannot find table: shop.nothing", dropped.getMessage());
  }

  @Test
  void sandboxRefusesFileAndConfigurationAccess() {
    for (String sql :
        List.of(
            "SELECT * FROM read_csv('/etc/passwd')",
            "COPY (SELECT 1) TO '/tmp/x.csv'",
            "ATTACH '/tmp/x.db'",
            "INSTALL httpfs",
            "LOAD httpfs",
            "SET threads = 1",
            "PRAGMA version",
            "EXPORT DATABASE '/tmp/export'",
            "SELECT * FROM read_parquet('" + directory.resolve("metastore") + "/x.parquet')")) {
      DpException error = assertThrows(DpException.class, () -> lake.query(sql), sql);
      assertEquals(
          StandardErrorCode.PERMISSION_DENIED, error.code(), sql + ": " + error.getMessage());
      assertTrue(
          error.getMessage().contains("not allowed in the lakehouse sandbox")
              || error.getMessage().contains("Permission Error"),
          error.getMessage());
    }
  }

  @Test
  void queryHistoryRecordsProfiles() throws Exception {
    lake.update("CREATE TABLE shop.t (id INTEGER)");
    lake.update("INSERT INTO shop.t VALUES (1), (2)");
    lake.query("SELECT * FROM shop.t");
    assertThrows(DpException.class, () -> lake.query("SELECT nope FROM shop.t"));
    long deadline = System.currentTimeMillis() + 2000;
    List<io.dataplatform.metastore.QueryRecord> records = List.of();
    while (System.currentTimeMillis() < deadline && records.size() < 5) {
      records = lake.metastore.queries().recent(java.util.Optional.empty(), 10);
      Thread.sleep(20);
    }
    assertEquals(5, records.size());
    var failed =
        records.stream().filter(r -> r.status().equals("FAILED")).findFirst().orElseThrow();
    assertEquals("SELECT nope FROM shop.t", failed.sql());
    var select =
        records.stream()
            .filter(r -> r.sql().equals("SELECT * FROM shop.t"))
            .findFirst()
            .orElseThrow();
    assertEquals(2, select.rowsReturned());
    assertEquals(1, select.filesScanned());
    assertEquals(List.of("shop.t"), select.tablesRead());
  }

  @Test
  void concurrentWritersDoNotLoseCommits() throws Exception {
    lake.update("CREATE TABLE shop.log (writer INTEGER, n INTEGER)");
    var executor = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
      for (int writer = 0; writer < 3; writer++) {
        int id = writer;
        futures.add(
            executor.submit(
                () -> {
                  for (int n = 0; n < 3; n++) {
                    lake.update("INSERT INTO shop.log VALUES (" + id + ", " + n + ")");
                  }
                }));
      }
      for (var future : futures) {
        future.get();
      }
    } finally {
      executor.shutdown();
    }
    assertEquals(
        List.of("9|3"), lake.query("SELECT count(*), count(DISTINCT writer) FROM shop.log"));
  }

  @Test
  void updateFromExplainDescribeAndRename() {
    lake.update("CREATE TABLE shop.prices (id INTEGER, price INTEGER)");
    lake.update("INSERT INTO shop.prices VALUES (1, 10), (2, 20)");
    lake.update("CREATE TABLE shop.raises (id INTEGER, delta INTEGER)");
    lake.update("INSERT INTO shop.raises VALUES (2, 5)");
    assertEquals(
        1,
        lake.update(
            "UPDATE shop.prices SET price = price + r.delta FROM shop.raises r WHERE prices.id = r.id"));
    assertEquals(List.of("1|10", "2|25"), lake.query("SELECT * FROM shop.prices ORDER BY id"));
    assertEquals(
        List.of("id|INTEGER|YES|null|null|null"),
        lake.query("DESCRIBE SELECT id FROM shop.prices"));
    assertTrue(lake.query("EXPLAIN SELECT * FROM shop.prices").get(0).contains("physical_plan"));
    lake.update("ALTER TABLE shop.prices RENAME TO shop.costs");
    assertEquals(List.of("2"), lake.query("SELECT count(*) FROM shop.costs"));
    lake.update("CREATE VIEW IF NOT EXISTS shop.v AS SELECT 1 AS one");
    lake.update("CREATE VIEW IF NOT EXISTS shop.v AS SELECT 2 AS two");
    assertEquals(List.of("1"), lake.query("SELECT * FROM shop.v"));
    DpException exists =
        assertThrows(DpException.class, () -> lake.update("CREATE TABLE shop.costs (x INTEGER)"));
    assertEquals(StandardErrorCode.ALREADY_EXISTS, exists.code());
    assertEquals("Cannot create table: it already exists (shop.costs)", exists.getMessage());
  }

  @Test
  void concurrentUpdatesConflictInsteadOfLosingChanges() throws Exception {
    lake.update("CREATE TABLE shop.counter (id INTEGER, n INTEGER)");
    lake.update("INSERT INTO shop.counter VALUES (1, 0)");
    var succeeded = new java.util.concurrent.atomic.AtomicInteger();
    var executor = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
      for (int writer = 0; writer < 3; writer++) {
        futures.add(
            executor.submit(
                () -> {
                  for (int n = 0; n < 2; n++) {
                    try {
                      lake.update("UPDATE shop.counter SET n = n + 1 WHERE id = 1");
                      succeeded.incrementAndGet();
                    } catch (DpException e) {
                      assertEquals(StandardErrorCode.CONFLICT, e.code(), e.getMessage());
                      assertTrue(
                          e.getMessage().startsWith("Cannot commit changes to shop.counter: "),
                          e.getMessage());
                    }
                  }
                }));
      }
      for (var future : futures) {
        future.get();
      }
    } finally {
      executor.shutdown();
    }
    assertTrue(succeeded.get() >= 1);
    assertEquals(
        List.of("1|" + succeeded.get()), lake.query("SELECT count(*), max(n) FROM shop.counter"));
  }

  @Test
  void nestedAndTemporalTypesRoundTrip() {
    lake.update(
        "CREATE TABLE shop.nested (id INTEGER, tags VARCHAR[], address STRUCT(city VARCHAR, zip INTEGER),"
            + " attributes MAP(VARCHAR, INTEGER), happened TIMESTAMPTZ, flag BOOLEAN, uid UUID, t TIME)");
    lake.update(
        "INSERT INTO shop.nested VALUES (1, ['a', 'b'], {'city': 'Oslo', 'zip': 150},"
            + " MAP {'x': 1}, TIMESTAMPTZ '2024-01-02 03:04:05+00', true,"
            + " '00000000-0000-0000-0000-000000000001', TIME '10:11:12')");
    assertEquals(
        List.of("b|Oslo|1|true|10:11:12"),
        lake.query(
            "SELECT tags[2], address.city, attributes['x'], flag, t FROM shop.nested WHERE id = 1"));
    assertEquals(
        List.of("2024-01-02 03:04:05+00"),
        lake.query("SELECT strftime(happened, '%Y-%m-%d %H:%M:%S+00') FROM shop.nested"));
  }

  @Test
  void wideIntegersOfAggregatesAreStoredAsDecimals() {
    // sum() of BIGINT is HUGEINT in DuckDB; a table keeps it as decimal(38, 0)
    lake.update(
        "CREATE TABLE shop.totals AS SELECT k, sum(n) AS total, 18446744073709551615::UBIGINT AS u"
            + " FROM (VALUES ('a', 9223372036854775807::BIGINT), ('a', 1::BIGINT)) v(k, n)"
            + " GROUP BY k");
    assertEquals(
        List.of("a|9223372036854775808|18446744073709551615|DECIMAL(38,0)|DECIMAL(20,0)"),
        lake.query("SELECT k, total, u, typeof(total), typeof(u) FROM shop.totals"));
    lake.update("INSERT INTO shop.totals SELECT 'b', 5::HUGEINT, 7::UBIGINT");
    assertEquals(List.of("2"), lake.query("SELECT count(*) FROM shop.totals"));
  }
}

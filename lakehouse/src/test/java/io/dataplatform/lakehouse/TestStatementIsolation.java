package io.dataplatform.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statements share one DuckDB database but never each other's views of the tables. */
class TestStatementIsolation {
  @TempDir Path directory;
  LakehouseFixture lake;

  @BeforeEach
  void open() {
    lake = new LakehouseFixture(directory);
    lake.update("CREATE SCHEMA shop");
    lake.update("CREATE TABLE shop.items (id INTEGER)");
    lake.update("INSERT INTO shop.items VALUES (1)");
    lake.update("INSERT INTO shop.items VALUES (2), (3)");
  }

  @AfterEach
  void close() {
    lake.close();
  }

  @Test
  void concurrentStatementsSeeTheirOwnSnapshot() throws Exception {
    String first =
        lake.query("SELECT snapshot_id FROM shop.\"items$snapshots\" ORDER BY committed_at LIMIT 1")
            .get(0);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String sql =
            i % 2 == 0
                ? "SELECT count(*) FROM shop.items"
                : "SELECT count(*) FROM shop.items FOR VERSION AS OF " + first;
        answers.add(pool.submit(() -> lake.query(sql)));
      }
      for (int i = 0; i < answers.size(); i++) {
        assertEquals(List.of(i % 2 == 0 ? "3" : "1"), answers.get(i).get(), "statement " + i);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFinishedStatementLeavesNoCatalogOfItsOwnBehind() {
    lake.query("SELECT * FROM shop.items");
    String others =
        "SELECT count(*) FROM duckdb_databases() WHERE database_name LIKE 'dp_statement_%'"
            + " AND database_name <> current_database()";
    // the query's catalog is kept for the next query reading the same snapshot
    assertEquals(List.of("1"), lake.query(others));
    // statements that write use catalogs of their own, detached at their end
    lake.update("INSERT INTO shop.items VALUES (4)");
    lake.update("CREATE TABLE shop.copy AS SELECT * FROM shop.items");
    lake.update("DELETE FROM shop.copy WHERE id = 1");
    assertEquals(List.of("1"), lake.query(others));
  }

  @Test
  void aRepeatedQueryReusesItsCatalogUntilTheTableChanges() {
    String sql = "SELECT current_database(), count(*) FROM shop.items";
    List<String> first = lake.query(sql);
    List<String> again = lake.query(sql);
    assertEquals(first, again);
    assertTrue(
        first.get(0).startsWith("dp_statement_") && first.get(0).endsWith("|3"), first.toString());
    // a query reading the same views in other words shares it too
    assertEquals(
        first.get(0).replace("|3", "|6"),
        lake.query("SELECT current_database(), sum(id) FROM shop.items").get(0));

    lake.update("INSERT INTO shop.items VALUES (4)");
    List<String> after = lake.query(sql);
    assertTrue(after.get(0).endsWith("|4"), after.toString());
    assertNotEquals(first.get(0).split("\\|")[0], after.get(0).split("\\|")[0]);
    // time travel to the first state reads the first state's files
    String oldest =
        lake.query("SELECT snapshot_id FROM shop.\"items$snapshots\" ORDER BY committed_at DESC")
            .get(1);
    assertEquals(
        List.of("3"), lake.query("SELECT count(*) FROM shop.items FOR VERSION AS OF " + oldest));
  }
}

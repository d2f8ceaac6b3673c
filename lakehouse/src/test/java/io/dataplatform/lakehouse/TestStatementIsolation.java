package io.dataplatform.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
  void aFinishedStatementLeavesNoCatalogBehind() {
    lake.query("SELECT * FROM shop.items");
    assertEquals(
        List.of("0"),
        lake.query(
            "SELECT count(*) FROM duckdb_databases() WHERE database_name LIKE 'dp_statement_%'"
                + " AND database_name <> current_database()"));
  }
}

package io.dataplatform.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dataplatform.metastore.PostgresServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine with its catalog on PostgreSQL; skipped when no PostgreSQL is reachable. */
class PostgresLakehouseIT {
  @TempDir Path directory;

  @Test
  void tablesViewsAndDmlOnPostgres() {
    try (LakehouseFixture lake = new LakehouseFixture(directory, PostgresServer.freshDatabase())) {
      lake.update("CREATE SCHEMA shop");
      lake.update(
          "CREATE TABLE shop.items (id INTEGER, name VARCHAR) PARTITIONED BY (bucket(2, id))");
      lake.update("INSERT INTO shop.items VALUES (1, 'a'), (2, 'b'), (3, 'c')");
      lake.update("UPDATE shop.items SET name = 'bb' WHERE id = 2");
      lake.update("CREATE VIEW shop.names AS SELECT name FROM shop.items");
      assertEquals(List.of("a", "bb", "c"), lake.query("SELECT * FROM shop.names ORDER BY 1"));
      assertEquals(
          List.of("shop|items|BASE TABLE", "shop|names|VIEW"), lake.query("SHOW TABLES FROM shop"));
    }
  }
}

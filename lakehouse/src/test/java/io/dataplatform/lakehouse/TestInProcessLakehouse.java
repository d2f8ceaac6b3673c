package io.dataplatform.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.lakehouse.io.DirectoryObjects;
import io.dataplatform.lakehouse.io.S3Warehouse;
import io.dataplatform.metastore.MetastoreConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lake on S3 whose store runs in the process: every read and write goes through {@link
 * io.dataplatform.lakehouse.io.LakeObjects}, none through the endpoint, which nothing serves here.
 */
class TestInProcessLakehouse {
  @TempDir Path directory;

  @Test
  void statementsReadAndWriteTheStoreDirectly() throws Exception {
    DirectoryObjects objects = new DirectoryObjects(directory.resolve("store"));
    S3Warehouse warehouse =
        S3Warehouse.of(
                "s3://warehouse/lake",
                URI.create("http://127.0.0.1:9"),
                "unused-key",
                "unused-secret",
                directory.resolve("cache"))
            .withInProcess(objects);
    try (LakehouseFixture lake =
        new LakehouseFixture(MetastoreConfig.embedded(directory), LakehouseConfig.of(warehouse))) {
      lake.update("CREATE SCHEMA shop");
      lake.update("CREATE TABLE shop.orders (id INT, region VARCHAR) PARTITIONED BY (region)");
      lake.update("INSERT INTO shop.orders VALUES (1, 'eu'), (2, 'us'), (3, 'eu')");
      lake.update("UPDATE shop.orders SET region = 'us' WHERE id = 3");
      lake.update("DELETE FROM shop.orders WHERE id = 1");
      assertEquals(
          List.of("2|us", "3|us"), lake.query("SELECT id, region FROM shop.orders ORDER BY id"));
      assertEquals(List.of("3"), lake.query("SELECT count(*) FROM shop.\"orders$snapshots\""));
    }
    assertTrue(objects.puts.get() > 10, "metadata and data went to the store: " + objects.puts);
    try (var files = Files.walk(directory.resolve("store/warehouse/lake/shop/orders/metadata"))) {
      assertTrue(files.anyMatch(file -> file.toString().endsWith(".metadata.json")));
    }
  }
}

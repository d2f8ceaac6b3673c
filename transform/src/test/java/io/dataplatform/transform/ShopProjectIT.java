package io.dataplatform.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.transform.execute.Command;
import io.dataplatform.transform.execute.NodeResult;
import io.dataplatform.transform.execute.RunOptions;
import io.dataplatform.transform.execute.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShopProjectIT {
  @TempDir Path directory;
  LakehouseProjects lake;

  @BeforeEach
  void open() {
    lake = new LakehouseProjects(directory);
  }

  @AfterEach
  void close() {
    lake.close();
  }

  @Test
  void buildRunsSeedsModelsAndTests() throws Exception {
    Path project = lake.project("shop");
    RunReport report =
        lake.run(project, Command.BUILD, new RunOptions(List.of(), List.of(), 4, false, false));
    assertFalse(report.failed(), String.join("\n", lake.output));
    Map<String, String> statuses = new TreeMap<>();
    for (NodeResult result : report.results()) {
      statuses.put(result.uniqueId().replaceAll("\\.[0-9a-f]{10}$", ""), result.status().label());
    }
    assertEquals(
        Map.ofEntries(
            Map.entry("model.shop.customers", "success"),
            Map.entry("model.shop.orders", "success"),
            Map.entry("model.shop.stg_customers", "success"),
            Map.entry("model.shop.stg_orders", "success"),
            Map.entry("seed.shop.raw_customers", "success"),
            Map.entry("seed.shop.raw_orders", "success"),
            Map.entry("seed.shop.raw_payments", "success"),
            Map.entry("test.shop.accepted_values_orders_1ce6ab157c285f7cd2ac656013faf758", "pass"),
            Map.entry("test.shop.assert_positive_amounts", "pass"),
            Map.entry("test.shop.not_null_customers_customer_id", "pass"),
            Map.entry("test.shop.not_null_orders_order_id", "pass"),
            Map.entry(
                "test.shop.relationships_orders_customer_id__customer_id__ref_customers_", "pass"),
            Map.entry("test.shop.unique_customers_customer_id", "pass"),
            Map.entry("test.shop.unique_orders_order_id", "pass")),
        statuses);
    assertEquals(
        List.of(
            "1|1|2018-01-01|returned|10.00|0.00|0.00|0.00|10.00",
            "2|3|2018-01-02|completed|20.00|0.00|0.00|0.00|20.00",
            "3|1|2018-01-04|completed|5.00|1.00|0.00|0.00|6.00",
            "4|2|2018-01-05|placed|0.00|0.00|0.00|25.00|25.00"),
        lake.query("SELECT * FROM main.orders ORDER BY order_id"));
    assertEquals(
        List.of(
            "1|Michael|P.|2018-01-01|2|16.00",
            "2|Shawn|M.|2018-01-05|1|25.00",
            "3|Kathleen|P.|2018-01-02|1|20.00"),
        lake.query("SELECT * FROM main.customers ORDER BY customer_id"));
    assertEquals(
        List.of("stg_customers|VIEW", "stg_orders|VIEW"),
        lake.query(
            "SELECT table_name, table_type FROM information_schema.tables"
                + " WHERE table_schema = 'main' AND table_name LIKE 'stg%' ORDER BY 1"));
    assertTrue(
        Files.readString(project.resolve("target/run_results.json"))
            .contains("\"status\" : \"pass\""));
    String manifest = Files.readString(project.resolve("target/manifest.json"));
    assertTrue(manifest.contains("\"model.shop.orders\""), manifest);
    assertTrue(Files.exists(project.resolve("target/compiled/shop/models/marts/orders.sql")));
    assertTrue(
        lake.output.stream()
            .anyMatch(l -> l.startsWith("Done. PASS=14 WARN=0 ERROR=0 SKIP=0 TOTAL=14")),
        String.join("\n", lake.output));
  }
}

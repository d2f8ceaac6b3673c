package io.dataplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dp demo}, the README's first command: the shop database is replicated by CDC, the dbt
 * project builds the marts with every test passing, a new order at the source reaches the marts
 * through the scheduled job, and a second start finds everything again.
 */
class DemoIT {
  private static final String BASIC = AdminClients.ADMIN_BASIC;
  private static final Duration READY = Duration.ofMinutes(4);

  @TempDir Path directory;

  @Test
  void runsTheShopPipelineAndFollowsNewOrders() throws Exception {
    Path data = directory.resolve("data");
    int postgresPort = DpProcess.freePort();
    List<String> demo = List.of("demo", "--demo-postgres-port", Integer.toString(postgresPort));
    try (DpProcess dp = DpProcess.start(data, demo, Map.of(), READY)) {
      String output = dp.output();
      assertTrue(output.contains("dp: demo job shop_pipeline SUCCEEDED"), output);
      assertTrue(output.matches("(?s).*raw\\.customers +1000\n.*"), output);
      assertTrue(output.matches("(?s).*marts\\.dim_customers +1000\n.*"), output);
      assertTrue(output.contains("dp: dbt tests          20 passed, 0 failed"), output);
      assertEquals(
          "[[3]]", rows(dp, "select count(distinct segment) from marts.dim_customers"), output);
      assertEquals(
          rows(dp, "select count(*) from raw.orders"),
          rows(dp, "select count(*) from marts.fct_orders"));
      assertEquals(
          "[[0]]",
          rows(
              dp,
              "select count(*) from marts.dim_customers where segment <> case"
                  + " when lifetime_value > 1000 then 'VIP' when lifetime_value > 500"
                  + " then 'Premium' else 'Standard' end"));

      long order = placeOrder(postgresPort);
      String sql = "select count(*) from marts.fct_orders where order_id = " + order;
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (!rows(dp, sql).equals("[[1]]") && System.nanoTime() < deadline) {
        Thread.sleep(2000);
      }
      assertEquals("[[1]]", rows(dp, sql), "the new order reached the marts:\n" + dp.output());
      // stopped while a CDC sync follows the shop database
      HttpResponse<String> sync = dp.http("POST", "/api/v1/connections/shop/syncs", "{}", BASIC);
      assertTrue(sync.statusCode() == 202 || sync.statusCode() == 409, sync.body());
      Thread.sleep(3000);
      dp.stop();
      String shutdown = dp.output().substring(dp.output().indexOf("dp: shutting down"));
      assertTrue(
          !shutdown.contains("ERROR") && !shutdown.contains("Exception"),
          "the demo stops without errors (its database after the platform):\n" + shutdown);
    }
    try (DpProcess again = DpProcess.start(data, demo, Map.of(), READY)) {
      String output = again.output();
      assertTrue(output.contains("dp: demo job shop_pipeline SUCCEEDED"), output);
      assertTrue(output.matches("(?s).*raw\\.customers +1000\n.*"), output);
    }
  }

  /** An order placed at the shop as its application would; returns its id. */
  private static long placeOrder(int postgresPort) throws Exception {
    try (Connection shop =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + postgresPort + "/shop", "shop", "shop-demo");
        Statement statement = shop.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "INSERT INTO orders (customer_id, status, ordered_at) VALUES (7, 'completed', now())"
                    + " RETURNING id")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static String rows(DpProcess dp, String sql) throws Exception {
    ObjectMapper json = AdminClients.JSON;
    HttpResponse<String> response =
        dp.http("POST", "/api/v1/sql", json.writeValueAsString(Map.of("sql", sql)), BASIC);
    assertEquals(200, response.statusCode(), response.body());
    JsonNode answer = json.readTree(response.body());
    return answer.path("rows").toString();
  }
}

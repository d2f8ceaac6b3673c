package io.dataplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dp demo}, the README's first command: the demo data set is there and answers. */
class DemoIT {
  private static final String BASIC = AdminClients.ADMIN_BASIC;

  @TempDir Path directory;

  @Test
  void loadsTheDemoDataSetOnceAndAnswersTheViewOverIt() throws Exception {
    Path data = directory.resolve("data");
    try (DpProcess dp = DpProcess.start(data, "demo", Map.of())) {
      assertTrue(dp.output().contains("loaded the demo data set"), dp.output());
      JsonNode answer = query(dp, "select count(*), sum(orders) from demo.revenue_by_city");
      assertEquals("[[5,18000]]", answer.path("rows").toString());
      JsonNode pruned =
          query(
              dp,
              "select count(*) from demo.orders where order_date between date '2025-03-01'"
                  + " and date '2025-03-31'");
      assertEquals("[[2077]]", pruned.path("rows").toString());
    }
    try (DpProcess again = DpProcess.start(data, "demo", Map.of())) {
      assertTrue(again.output().contains("demo data set already loaded"), again.output());
    }
  }

  private static JsonNode query(DpProcess dp, String sql) throws Exception {
    ObjectMapper json = AdminClients.JSON;
    HttpResponse<String> response =
        dp.http("POST", "/api/v1/sql", json.writeValueAsString(Map.of("sql", sql)), BASIC);
    assertEquals(200, response.statusCode(), response.body());
    return json.readTree(response.body());
  }
}

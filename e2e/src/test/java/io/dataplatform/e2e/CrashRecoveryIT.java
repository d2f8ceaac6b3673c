package io.dataplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} while a large INSERT is being written: after a restart the table holds exactly
 * what was committed before, or the whole statement, never part of it, and takes new writes.
 */
class CrashRecoveryIT {
  @TempDir Path directory;

  @Test
  void aWriteKilledMidwayLeavesCommittedDataIntact() throws Exception {
    Path data = directory.resolve("data");
    try (DpProcess dp = DpProcess.start(data, "up", Map.of())) {
      sql(dp, "create schema crash");
      sql(dp, "create table crash.events (id bigint, payload varchar)");
      sql(dp, "insert into crash.events select i, 'committed' from range(1000) t(i)");
      CompletableFuture<HttpResponse<String>> big =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return dp.http(
                      "POST",
                      "/api/v1/sql",
                      "{\"sql\": \"insert into crash.events select i, repeat('x', 200)"
                          + " from range(1000, 20000000) t(i)\"}",
                      AdminClients.ADMIN_BASIC);
                } catch (Exception e) {
                  return null;
                }
              });
      Thread.sleep(1500);
      assertTrue(!big.isDone(), "the large insert is still running when the server is killed");
      dp.kill();
    }
    try (DpProcess restarted = DpProcess.start(data, "up", Map.of())) {
      JsonNode counts = sql(restarted, "select count(*), min(id), max(id) from crash.events");
      long count = counts.path("rows").get(0).get(0).asLong();
      assertTrue(count == 1000 || count == 20_000_000, "all or nothing, got " + count);
      sql(restarted, "insert into crash.events values (-1, 'after restart')");
      JsonNode after = sql(restarted, "select count(*) from crash.events where id = -1");
      assertEquals(1, after.path("rows").get(0).get(0).asLong());
    }
  }

  private static JsonNode sql(DpProcess dp, String statement) throws Exception {
    HttpResponse<String> response =
        dp.http(
            "POST",
            "/api/v1/sql",
            AdminClients.JSON.writeValueAsString(Map.of("sql", statement)),
            AdminClients.ADMIN_BASIC);
    assertEquals(200, response.statusCode(), statement + " -> " + response.body());
    return AdminClients.JSON.readTree(response.body());
  }
}

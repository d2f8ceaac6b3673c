package io.dataplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dp runs cancel} while a SQL step runs a query of many seconds: the query stops in the
 * engine, the run ends CANCELED within 2 s with its events, and the server goes on answering.
 */
class RunCancelIT {
  private static final String HEAVY =
      "select sum(a.range + b.range) from range(500000) a, range(500000) b";

  @TempDir Path directory;

  @Test
  void cancelStopsTheRunningQueryAndTheServerKeepsAnswering() throws Exception {
    Path pipelines = Files.createDirectories(directory.resolve("pipelines"));
    Files.writeString(
        pipelines.resolve("heavy.yml"),
        "name: heavy\nsteps:\n  - sql: \"" + HEAVY + "\"\n    name: crunch\n");
    try (DpProcess dp =
        DpProcess.start(
            directory.resolve("data"), "up", Map.of("DP_PIPELINES_DIR", pipelines.toString()))) {
      DpProcess.CommandResult started = DpProcess.run(client(dp), "jobs", "run", "heavy");
      assertEquals(0, started.exitCode(), started.err());
      long runId = Long.parseLong(started.out().replaceAll("(?s).*run (\\d+) of heavy.*", "$1"));
      awaitRun(
          dp, runId, run -> run.path("steps").path(0).path("status").asText().equals("RUNNING"));
      Thread.sleep(1000);

      DpProcess.CommandResult cancel =
          DpProcess.run(client(dp), "runs", "cancel", Long.toString(runId));
      long canceledAt = System.nanoTime();
      assertEquals(0, cancel.exitCode(), cancel.err());
      assertEquals("dp: run " + runId + " is stopping (RUNNING)", cancel.out().strip());
      JsonNode run = awaitRun(dp, runId, r -> r.path("status").asText().equals("CANCELED"));
      double seconds = (System.nanoTime() - canceledAt) / 1e9;
      assertTrue(seconds < 2, "the run ended " + seconds + " s after the cancel: " + run);
      assertEquals("FAILED", run.path("steps").path(0).path("status").asText());

      StringBuilder kinds = new StringBuilder();
      for (JsonNode event : get(dp, "/api/v1/runs/" + runId + "/events").path("events")) {
        if (!event.path("kind").asText().equals("LOG")) {
          kinds.append(event.path("kind").asText()).append(' ');
        }
      }
      assertEquals(
          "RUN_QUEUED RUN_STARTED STEP_STARTED STEP_FAILED RUN_CANCELED", kinds.toString().strip());

      // The statement ended in the engine: the query history has it as failed, canceled.
      JsonNode query = canceledQuery(dp);
      assertTrue(query != null, "the canceled statement is not in the query history yet");
      assertEquals(
          "Cannot run statement: it was canceled (canceled by request)",
          query.path("errorMessage").asText());

      HttpResponse<String> answer =
          dp.http(
              "POST",
              "/api/v1/sql",
              "{\"sql\": \"select 42 as answer\"}",
              AdminClients.ADMIN_BASIC);
      assertEquals(200, answer.statusCode(), answer.body());
      assertEquals(
          42, AdminClients.JSON.readTree(answer.body()).path("rows").get(0).get(0).asInt());
    }
  }

  /** The heavy statement's history record; the history is written just after a statement ends. */
  private static JsonNode canceledQuery(DpProcess dp) throws Exception {
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (JsonNode candidate : get(dp, "/api/v1/queries?limit=50").path("queries")) {
        if (candidate.path("sql").asText().equals(HEAVY)) {
          return candidate;
        }
      }
      Thread.sleep(50);
    }
    return null;
  }

  private static Map<String, String> client(DpProcess dp) {
    return Map.of("DP_SERVER", dp.baseUrl(), "DP_PASSWORD", DpProcess.PASSWORD);
  }

  private static JsonNode get(DpProcess dp, String path) throws Exception {
    HttpResponse<String> response = dp.http("GET", path, null, AdminClients.ADMIN_BASIC);
    assertEquals(200, response.statusCode(), path + " -> " + response.body());
    return AdminClients.JSON.readTree(response.body());
  }

  private static JsonNode awaitRun(DpProcess dp, long runId, Predicate<JsonNode> condition)
      throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    JsonNode run = null;
    while (System.nanoTime() < deadline) {
      run = get(dp, "/api/v1/runs/" + runId);
      if (condition.test(run)) {
        return run;
      }
      Thread.sleep(50);
    }
    return fail("run " + runId + " did not reach the expected state in 60 s: " + run);
  }
}

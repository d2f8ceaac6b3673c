package io.dataplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the server while a job's slow step runs: the restarted server concludes the
 * interrupted attempt as failed, retries it per the job's policy from the unfinished step, and no
 * step is recorded done twice.
 */
class OrchestratorCrashIT {
  @TempDir Path directory;

  @Test
  void aRunInterruptedByKillNineIsRetriedFromItsUnfinishedStep() throws Exception {
    Path pipelines = Files.createDirectories(directory.resolve("pipelines"));
    Files.writeString(
        pipelines.resolve("slow.yml"),
        """
        name: slow
        retries: {max_attempts: 2, backoff: 1s}
        steps:
          - sql: "create schema nightly"
            name: prepare
          - sleep: 8s
            name: wait
          - sql: "create table nightly.done as select 42 as answer"
            name: finish
            assets: [nightly.done]
        """);
    Map<String, String> environment = Map.of("DP_PIPELINES_DIR", pipelines.toString());
    Path data = directory.resolve("data");
    long runId;
    try (DpProcess dp = DpProcess.start(data, "up", environment)) {
      DpProcess.CommandResult started = DpProcess.run(client(dp), "jobs", "run", "slow");
      assertEquals(0, started.exitCode(), started.err());
      runId = Long.parseLong(started.out().replaceAll("(?s).*run (\\d+) of slow.*", "$1"));
      awaitRun(dp, runId, run -> stepStatus(run, 1).equals("RUNNING"));
      assertEquals("SUCCEEDED", stepStatus(get(dp, "/api/v1/runs/" + runId), 0));
      dp.kill();
    }
    try (DpProcess restarted = DpProcess.start(data, "up", environment)) {
      JsonNode run = awaitRun(restarted, runId, r -> r.path("status").asText().equals("SUCCEEDED"));
      assertEquals(2, run.path("attempt").asInt());
      assertEquals(List.of(1, 2, 1), attempts(run));
      JsonNode events = get(restarted, "/api/v1/runs/" + runId + "/events").path("events");
      Map<String, Integer> done = new HashMap<>();
      int interrupted = 0;
      for (JsonNode event : events) {
        if (event.path("kind").asText().equals("STEP_SUCCEEDED")) {
          done.merge(event.path("step").asText(), 1, Integer::sum);
        }
        interrupted += event.path("kind").asText().equals("RUN_INTERRUPTED") ? 1 : 0;
      }
      assertEquals(Map.of("prepare", 1, "wait", 1, "finish", 1), done, events.toString());
      assertEquals(1, interrupted);
      JsonNode answer =
          AdminClients.JSON.readTree(
              restarted
                  .http(
                      "POST",
                      "/api/v1/sql",
                      "{\"sql\": \"select answer from nightly.done\"}",
                      AdminClients.ADMIN_BASIC)
                  .body());
      assertEquals(42, answer.path("rows").get(0).get(0).asInt());
      // what a browser's EventSource sends; the stream ends after the finished run's events
      HttpResponse<String> stream =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(
                              restarted.baseUrl() + "/api/v1/runs/" + runId + "/events/stream"))
                      .header("Accept", "text/event-stream")
                      .header("Authorization", AdminClients.ADMIN_BASIC)
                      .timeout(java.time.Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, stream.statusCode());
      assertTrue(stream.body().contains("event: end"), stream.body());
      assertTrue(stream.body().contains("RUN_INTERRUPTED"), stream.body());
      DpProcess.CommandResult show =
          DpProcess.run(client(restarted), "runs", "show", Long.toString(runId));
      assertEquals(0, show.exitCode(), show.err());
      assertTrue(show.out().contains("status     SUCCEEDED"), show.out());
      DpProcess.CommandResult assets = DpProcess.run(client(restarted), "assets", "list");
      assertEquals(0, assets.exitCode(), assets.err());
      assertTrue(assets.out().contains("nightly.done"), assets.out() + assets.err());
    }
  }

  private static Map<String, String> client(DpProcess dp) {
    return Map.of("DP_SERVER", dp.baseUrl(), "DP_PASSWORD", DpProcess.PASSWORD);
  }

  private static JsonNode get(DpProcess dp, String path) throws Exception {
    HttpResponse<String> response = dp.http("GET", path, null, AdminClients.ADMIN_BASIC);
    assertEquals(200, response.statusCode(), path + " -> " + response.body());
    return AdminClients.JSON.readTree(response.body());
  }

  private static String stepStatus(JsonNode run, int index) {
    for (JsonNode step : run.path("steps")) {
      if (step.path("index").asInt() == index) {
        return step.path("status").asText();
      }
    }
    return "NONE";
  }

  private static List<Integer> attempts(JsonNode run) {
    java.util.List<Integer> attempts = new java.util.ArrayList<>();
    run.path("steps").forEach(step -> attempts.add(step.path("attempts").asInt()));
    return attempts;
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
      Thread.sleep(100);
    }
    return fail("run " + runId + " did not reach the expected state in 60 s: " + run);
  }
}

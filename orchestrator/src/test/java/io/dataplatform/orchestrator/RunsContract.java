package io.dataplatform.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.api.DpException;
import io.dataplatform.orchestrator.run.Run;
import io.dataplatform.orchestrator.run.RunRequest;
import io.dataplatform.orchestrator.run.RunStatus;
import io.dataplatform.orchestrator.run.StepRecord;
import io.dataplatform.orchestrator.trigger.ObjectEventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Run execution on a real metastore: retries, alerts, limits, cancel, timeouts, recovery. */
abstract class RunsContract extends OrchestratorContract {
  @Test
  void aStepThatFailsTwiceThenSucceedsEndsGreenWithThreeAttempts() {
    webhooks.failFirst("/flaky", 2);
    Orchestrator orchestrator =
        start(
            2,
            job(
                "name: flaky\nsteps:\n  - webhook: "
                    + webhooks.url("/flaky")
                    + "\nretries: {max_attempts: 3, backoff: 200ms}\n"));
    Run run = await(orchestrator, submit(orchestrator, "flaky").id(), RunStatus.SUCCEEDED);
    assertEquals(3, run.attempt());
    List<StepRecord> steps = orchestrator.store().steps().steps(run.id());
    assertEquals(1, steps.size());
    assertEquals("SUCCEEDED", steps.get(0).status());
    assertEquals(3, steps.get(0).attempts());
    List<WebhookServer.Request> calls = webhooks.requests("/flaky");
    assertEquals(3, calls.size());
    // exponential backoff: 200 ms, then 400 ms
    assertTrue(Duration.between(calls.get(0).time(), calls.get(1).time()).toMillis() >= 200);
    assertTrue(Duration.between(calls.get(1).time(), calls.get(2).time()).toMillis() >= 400);
    assertEquals(
        List.of(
            "RUN_QUEUED",
            "RUN_STARTED",
            "STEP_STARTED",
            "STEP_FAILED",
            "RETRY_SCHEDULED",
            "RUN_STARTED",
            "STEP_STARTED",
            "STEP_FAILED",
            "RETRY_SCHEDULED",
            "RUN_STARTED",
            "STEP_STARTED",
            "STEP_SUCCEEDED",
            "RUN_SUCCEEDED"),
        eventKinds(orchestrator, run.id()));
  }

  @Test
  void aJobThatKeepsFailingPostsItsAlert() throws Exception {
    webhooks.failFirst("/broken", 1000);
    Orchestrator orchestrator =
        start(
            2,
            job(
                "name: broken\nsteps:\n  - webhook: "
                    + webhooks.url("/broken")
                    + "\nretries: {max_attempts: 2, backoff: 50ms}\non_failure: {webhook: {url: \""
                    + webhooks.url("/alerts")
                    + "\"}}\n"));
    Run run = await(orchestrator, submit(orchestrator, "broken").id(), RunStatus.FAILED);
    assertEquals(2, run.attempt());
    String error = run.errorMessage().orElseThrow();
    assertEquals(
        "webhook_1: Cannot call webhook: it answered 500 boom (POST "
            + webhooks.url("/broken")
            + ")",
        error);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (webhooks.requests("/alerts").isEmpty() && System.nanoTime() < deadline) {
      sleep(20);
    }
    List<WebhookServer.Request> alerts = webhooks.requests("/alerts");
    assertEquals(1, alerts.size());
    JsonNode alert = new ObjectMapper().readTree(alerts.get(0).body());
    assertEquals("run_failed", alert.path("event").asText());
    assertEquals("broken", alert.path("job").asText());
    assertEquals(run.id(), alert.path("run").asLong());
    assertEquals(2, alert.path("attempts").asInt());
    assertEquals(error, alert.path("error").asText());
    sleep(200);
    assertTrue(
        eventKinds(orchestrator, run.id()).contains("ALERT_SENT"),
        events(orchestrator, run.id()).toString());
  }

  @Test
  void runsAtMostTheGlobalLimitAtOnce() {
    webhooks.delay("/slow", 300);
    String yaml = "steps:\n  - webhook: " + webhooks.url("/slow") + "\nconcurrency: 10\n";
    Orchestrator orchestrator =
        start(2, job("name: a\n" + yaml), job("name: b\n" + yaml), job("name: c\n" + yaml));
    List<Run> runs =
        List.of(
            submit(orchestrator, "a"),
            submit(orchestrator, "b"),
            submit(orchestrator, "c"),
            submit(orchestrator, "a"),
            submit(orchestrator, "b"),
            submit(orchestrator, "c"));
    for (Run run : runs) {
      await(orchestrator, run.id(), RunStatus.SUCCEEDED);
    }
    assertEquals(6, webhooks.requests("/slow").size());
    assertEquals(2, webhooks.maxInFlightOverall());
  }

  @Test
  void runsAtMostTheJobsLimitAtOnce() {
    webhooks.delay("/one", 200);
    webhooks.delay("/two", 300);
    Orchestrator orchestrator =
        start(
            8,
            job("name: single\nsteps:\n  - webhook: " + webhooks.url("/one") + "\n"),
            job("name: pair\nconcurrency: 2\nsteps:\n  - webhook: " + webhooks.url("/two") + "\n"));
    List<Run> runs = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      runs.add(submit(orchestrator, "single"));
      runs.add(submit(orchestrator, "pair"));
    }
    for (Run run : runs) {
      await(orchestrator, run.id(), RunStatus.SUCCEEDED);
    }
    assertEquals(1, webhooks.maxInFlight("/one"));
    assertEquals(2, webhooks.maxInFlight("/two"));
  }

  @Test
  void cancelsRunningAndQueuedRuns() {
    Orchestrator orchestrator =
        start(4, job("name: long\nsteps:\n  - sleep: 60s\n  - sleep: 1s\n"));
    Run running = submit(orchestrator, "long");
    Run queued = submit(orchestrator, "long");
    await(orchestrator, running.id(), RunStatus.RUNNING);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (orchestrator.store().steps().steps(running.id()).isEmpty()
        && System.nanoTime() < deadline) {
      sleep(10);
    }
    assertEquals(RunStatus.CANCELED, orchestrator.cancel(queued.id()));
    assertStatus(RunStatus.CANCELED, orchestrator.run(queued.id()));
    long started = System.nanoTime();
    orchestrator.cancel(running.id());
    Run canceled = await(orchestrator, running.id(), RunStatus.CANCELED);
    assertTrue(System.nanoTime() - started < Duration.ofSeconds(5).toNanos());
    assertEquals(Optional.of("sleep_1: canceled by request"), canceled.errorMessage());
    StepRecord step = orchestrator.store().steps().steps(running.id()).get(0);
    assertEquals("FAILED", step.status());
    assertEquals(1, orchestrator.store().steps().steps(running.id()).size());
    DpException again = assertThrows(DpException.class, () -> orchestrator.cancel(running.id()));
    assertEquals(
        "Cannot cancel run: it has already ended as CANCELED (" + running.id() + ")",
        again.getMessage());
  }

  @Test
  void failsARunThatOutlivesItsTimeout() {
    Orchestrator orchestrator =
        start(2, job("name: slow\ntimeout: 300ms\nsteps:\n  - sleep: 30s\n"));
    Run run = await(orchestrator, submit(orchestrator, "slow").id(), RunStatus.FAILED);
    assertEquals(
        Optional.of("sleep_1: Cannot finish run: it ran longer than its timeout of 300ms (slow)"),
        run.errorMessage());
  }

  @Test
  void aRestartedServerConcludesInterruptedRunsAndRetriesFromTheUnfinishedStep() {
    String yaml =
        "name: resumable\nretries: {max_attempts: 2, backoff: 0s}\nsteps:\n  - webhook: "
            + webhooks.url("/first")
            + "\n  - webhook: "
            + webhooks.url("/second")
            + "\n";
    // the state a crash leaves: the run RUNNING on this node, step 1 done, step 2 running
    var store = io.dataplatform.orchestrator.run.RunStore.of(metastore.dataSource());
    Run run =
        store
            .runs()
            .enqueue(RunRequest.of("resumable", 2, "manual", "before the crash", Optional.empty()))
            .orElseThrow();
    assertTrue(store.runs().claim(run.id(), "node-1", Instant.now()));
    assertTrue(store.steps().start(run.id(), 0, "webhook_1", Instant.now()));
    assertTrue(store.steps().succeed(run.id(), 0, Instant.now()));
    assertTrue(store.steps().start(run.id(), 1, "webhook_2", Instant.now()));

    Orchestrator restarted = start("node-1", 2, ObjectEventSource.NONE, List.of(), job(yaml));
    Run done = await(restarted, run.id(), RunStatus.SUCCEEDED);
    assertEquals(2, done.attempt());
    assertEquals(0, webhooks.requests("/first").size());
    assertEquals(1, webhooks.requests("/second").size());
    List<StepRecord> steps = restarted.store().steps().steps(run.id());
    assertEquals(
        List.of("SUCCEEDED", "SUCCEEDED"), steps.stream().map(StepRecord::status).toList());
    assertEquals(List.of(1, 2), steps.stream().map(StepRecord::attempts).toList());
    // the final status and the final event are stored in one transaction
    List<String> kinds = eventKinds(restarted, run.id());
    assertEquals(
        List.of(
            "RUN_INTERRUPTED",
            "RETRY_SCHEDULED",
            "RUN_STARTED",
            "STEP_SKIPPED",
            "STEP_STARTED",
            "STEP_SUCCEEDED",
            "RUN_SUCCEEDED"),
        kinds);
    assertFalse(store.steps().succeed(run.id(), 0, Instant.now()), "a done step stays done once");
  }

  @Test
  void reExecutesFromTheFailedStep() {
    webhooks.failFirst("/second", 1);
    Orchestrator orchestrator =
        start(
            2,
            job(
                "name: twostep\nsteps:\n  - webhook: "
                    + webhooks.url("/first")
                    + "\n  - webhook: "
                    + webhooks.url("/second")
                    + "\n"));
    Run failed = await(orchestrator, submit(orchestrator, "twostep").id(), RunStatus.FAILED);
    Run again = orchestrator.reexecute(failed.id(), Optional.empty());
    assertEquals(1, again.startStep());
    assertEquals(java.util.OptionalLong.of(failed.id()), again.parentRunId());
    await(orchestrator, again.id(), RunStatus.SUCCEEDED);
    assertEquals(1, webhooks.requests("/first").size());
    assertEquals(2, webhooks.requests("/second").size());
    Run fromStart = orchestrator.reexecute(again.id(), Optional.of("webhook_1"));
    await(orchestrator, fromStart.id(), RunStatus.SUCCEEDED);
    assertEquals(2, webhooks.requests("/first").size());
    DpException unknown =
        assertThrows(
            DpException.class, () -> orchestrator.reexecute(failed.id(), Optional.of("nope")));
    assertEquals("Cannot find step: no such step in job twostep (nope)", unknown.getMessage());
  }
}

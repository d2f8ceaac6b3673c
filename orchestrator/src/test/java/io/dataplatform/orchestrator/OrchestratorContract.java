package io.dataplatform.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.dataplatform.metastore.Metastore;
import io.dataplatform.orchestrator.job.JobCatalog;
import io.dataplatform.orchestrator.job.JobDefinition;
import io.dataplatform.orchestrator.job.JobParser;
import io.dataplatform.orchestrator.run.ExecutorSettings;
import io.dataplatform.orchestrator.run.Run;
import io.dataplatform.orchestrator.run.RunEvent;
import io.dataplatform.orchestrator.run.RunStatus;
import io.dataplatform.orchestrator.run.RunStore;
import io.dataplatform.orchestrator.step.SleepStepRunner;
import io.dataplatform.orchestrator.step.StepRunner;
import io.dataplatform.orchestrator.step.StepRunners;
import io.dataplatform.orchestrator.step.WebhookStepRunner;
import io.dataplatform.orchestrator.trigger.ObjectEventSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every orchestrator test needs: a fresh metastore per test, a local webhook endpoint, and
 * orchestrators built from job YAML. Subclasses choose the metastore database.
 */
abstract class OrchestratorContract {
  protected Metastore metastore;
  protected WebhookServer webhooks;
  private final List<Orchestrator> started = new ArrayList<>();

  protected abstract Metastore openMetastore();

  @BeforeEach
  void openEverything() throws Exception {
    metastore = openMetastore();
    webhooks = new WebhookServer();
  }

  @AfterEach
  void closeEverything() {
    started.forEach(Orchestrator::close);
    webhooks.close();
    metastore.close();
  }

  protected static JobDefinition job(String yaml) {
    return JobParser.parse(yaml, "test.yml").job().orElseThrow();
  }

  protected Orchestrator start(int maxConcurrentRuns, JobDefinition... jobs) {
    return start("test-node", maxConcurrentRuns, ObjectEventSource.NONE, List.of(), jobs);
  }

  protected Orchestrator start(
      String owner,
      int maxConcurrentRuns,
      ObjectEventSource objects,
      List<StepRunner<?>> extraRunners,
      JobDefinition... jobs) {
    Orchestrator orchestrator = build(owner, maxConcurrentRuns, objects, extraRunners, jobs);
    orchestrator.start();
    return orchestrator;
  }

  protected Orchestrator build(
      String owner,
      int maxConcurrentRuns,
      ObjectEventSource objects,
      List<StepRunner<?>> extraRunners,
      JobDefinition... jobs) {
    List<StepRunner<?>> runners = new ArrayList<>(extraRunners);
    runners.add(new WebhookStepRunner());
    runners.add(new SleepStepRunner());
    OrchestratorConfig config =
        new OrchestratorConfig(
            Path.of("unused"),
            new ExecutorSettings(
                owner,
                maxConcurrentRuns,
                Duration.ofMillis(25),
                Duration.ofMillis(200),
                Duration.ofMinutes(1)),
            Duration.ofMillis(100));
    Orchestrator orchestrator =
        new Orchestrator(
            config,
            JobCatalog.of(List.of(jobs)),
            RunStore.of(metastore.dataSource()),
            new StepRunners(runners),
            List.of(),
            objects);
    started.add(orchestrator);
    return orchestrator;
  }

  protected static Run await(Orchestrator orchestrator, long runId, RunStatus status) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Run run = orchestrator.run(runId);
    while (System.nanoTime() < deadline) {
      run = orchestrator.run(runId);
      if (run.status() == status) {
        return run;
      }
      if (run.status().isFinished()) {
        fail(
            "run "
                + runId
                + " ended "
                + run.status()
                + " instead of "
                + status
                + ": "
                + events(orchestrator, runId));
      }
      sleep(20);
    }
    return fail(
        "run "
            + runId
            + " is "
            + run.status()
            + " after 30 s, not "
            + status
            + ": "
            + events(orchestrator, runId));
  }

  protected static List<String> events(Orchestrator orchestrator, long runId) {
    return orchestrator.store().events().after(runId, 0, 1000).stream()
        .map(
            event ->
                event.kind()
                    + (event.step().map(s -> "[" + s + "]").orElse(""))
                    + " "
                    + event.message())
        .toList();
  }

  protected static List<String> eventKinds(Orchestrator orchestrator, long runId) {
    return orchestrator.store().events().after(runId, 0, 1000).stream()
        .map(RunEvent::kind)
        .filter(kind -> !kind.equals("LOG"))
        .toList();
  }

  protected static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  protected static void assertContains(String expected, String actual) {
    assertTrue(
        actual.contains(expected), "expected <" + actual + "> to contain <" + expected + ">");
  }

  protected static Run submit(Orchestrator orchestrator, String job) {
    return orchestrator.submit(job, Optional.empty(), "manual", "test");
  }

  protected static void assertStatus(RunStatus expected, Run run) {
    assertEquals(expected, run.status(), "run " + run.id());
  }
}

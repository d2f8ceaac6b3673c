package io.dataplatform.orchestrator;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.AssetKey;
import io.dataplatform.api.DpException;
import io.dataplatform.orchestrator.asset.AssetDefinition;
import io.dataplatform.orchestrator.asset.AssetGraph;
import io.dataplatform.orchestrator.asset.AssetProvider;
import io.dataplatform.orchestrator.asset.AssetStatus;
import io.dataplatform.orchestrator.asset.BackfillPlan;
import io.dataplatform.orchestrator.asset.Materialization;
import io.dataplatform.orchestrator.job.JobCatalog;
import io.dataplatform.orchestrator.job.JobDefinition;
import io.dataplatform.orchestrator.run.Run;
import io.dataplatform.orchestrator.run.RunConclusion;
import io.dataplatform.orchestrator.run.RunExecutor;
import io.dataplatform.orchestrator.run.RunRequest;
import io.dataplatform.orchestrator.run.RunStatus;
import io.dataplatform.orchestrator.run.RunStore;
import io.dataplatform.orchestrator.step.StepRunners;
import io.dataplatform.orchestrator.step.WebhookStepRunner;
import io.dataplatform.orchestrator.trigger.ObjectEventSource;
import io.dataplatform.orchestrator.trigger.Scheduler;
import io.dataplatform.orchestrator.trigger.SensorEvaluator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The orchestration service the server calls: jobs, runs, backfills, assets, schedules and sensors.
 * Built once by the server with the step runners and asset providers of the other roles.
 */
public final class Orchestrator implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Orchestrator.class);

  private final OrchestratorConfig config;
  private final JobCatalog jobs;
  private final RunStore store;
  private final List<AssetProvider> providers;
  private final RunExecutor executor;
  private final Scheduler scheduler;
  private final SensorEvaluator sensors;
  private final ScheduledExecutorService triggers;

  public Orchestrator(
      OrchestratorConfig config,
      JobCatalog jobs,
      RunStore store,
      StepRunners runners,
      List<AssetProvider> providers,
      ObjectEventSource objects) {
    this.config = requireNonNull(config, "config");
    this.jobs = requireNonNull(jobs, "jobs");
    this.store = requireNonNull(store, "store");
    this.providers = List.copyOf(providers);
    this.executor =
        new RunExecutor(
            config.executor(),
            jobs,
            store,
            runners,
            new RunConclusion(store, new WebhookStepRunner()));
    this.scheduler = new Scheduler(jobs, store.triggers(), this::submitTriggered);
    this.sensors =
        new SensorEvaluator(
            jobs,
            store.triggers(),
            store.materializations(),
            store.runs(),
            this::submitTriggered,
            objects);
    this.triggers =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "dp-triggers");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Recovers interrupted runs, then starts executing runs and evaluating triggers. */
  public Orchestrator start() {
    executor.start();
    long interval = config.triggerInterval().toMillis();
    triggers.scheduleWithFixedDelay(
        this::evaluateTriggers, interval, interval, TimeUnit.MILLISECONDS);
    return this;
  }

  private void evaluateTriggers() {
    try {
      Instant now = Instant.now();
      scheduler.tick(now);
      sensors.tick(now);
    } catch (RuntimeException e) {
      LOG.warn("Cannot evaluate schedules and sensors: {}", e.getMessage(), e);
    }
  }

  private Optional<Run> submitTriggered(
      JobDefinition job, Optional<String> partition, String trigger, String detail, String key) {
    Optional<Run> run =
        enqueue(
            RunRequest.of(job.name(), job.retries().maxAttempts(), trigger, detail, partition)
                .withDedupeKey(key));
    run.ifPresent(
        value ->
            store
                .events()
                .add(value.id(), "RUN_QUEUED", Optional.empty(), trigger + ": " + detail));
    return run;
  }

  private Optional<Run> enqueue(RunRequest request) {
    Optional<Run> run = store.runs().enqueue(request);
    executor.wakeUp();
    return run;
  }

  // ---- jobs and runs ----

  public JobCatalog jobs() {
    return jobs;
  }

  public RunStore store() {
    return store;
  }

  /** Reads the pipelines folder again; returns the number of jobs. */
  public int reload() {
    return jobs.reload();
  }

  /** Enqueues a run of a job, of one partition when the job is partitioned. */
  public Run submit(String jobName, Optional<String> partition, String trigger, String detail) {
    JobDefinition job = jobs.job(jobName);
    partition.ifPresent(
        key ->
            job.partitions()
                .orElseThrow(
                    () ->
                        DpException.user(
                            "Cannot run job: it has no partitions (" + jobName + ", " + key + ")"))
                .check(key));
    Run run =
        enqueue(RunRequest.of(jobName, job.retries().maxAttempts(), trigger, detail, partition))
            .orElseThrow();
    store.events().add(run.id(), "RUN_QUEUED", Optional.empty(), trigger + ": " + detail);
    return run;
  }

  /** A backfill: its id and the runs it enqueued. */
  public record Backfill(long id, String job, int partitions, int runs) {}

  /**
   * Enqueues the partitions {@code from}..{@code to} of a job as at most the job's {@code backfill
   * max_runs} runs, with batched inserts.
   */
  public Backfill backfill(String jobName, String from, String to) {
    JobDefinition job = jobs.job(jobName);
    var partitions =
        job.partitions()
            .orElseThrow(
                () ->
                    DpException.user(
                        "Cannot backfill job: it has no partitions (" + jobName + ")"));
    BackfillPlan plan = BackfillPlan.of(partitions.range(from, to), job.backfillMaxRuns());
    long id =
        store
            .runs()
            .createBackfill(jobName, from, to, plan.partitionCount(), plan.batches().size());
    Instant now = Instant.now();
    List<RunRequest> requests = new ArrayList<>(plan.batches().size());
    for (BackfillPlan.Batch batch : plan.batches()) {
      requests.add(
          new RunRequest(
              jobName,
              job.retries().maxAttempts(),
              "backfill",
              "backfill " + id + ": " + batch.from() + ".." + batch.to(),
              Optional.of("backfill:" + id + ":" + batch.from()),
              Optional.of(batch.from()),
              Optional.of(batch.to()),
              batch.count(),
              OptionalLong.of(id),
              OptionalLong.empty(),
              0,
              now));
    }
    store.runs().enqueueAll(requests);
    executor.wakeUp();
    return new Backfill(id, jobName, plan.partitionCount(), requests.size());
  }

  public Run run(long id) {
    return store.runs().run(id);
  }

  public List<Run> runs(Optional<String> job, Optional<RunStatus> status, int limit) {
    return store.runs().list(job, status, limit);
  }

  /** Cancels a queued run, or asks a running one to stop; returns the status after the request. */
  public RunStatus cancel(long runId) {
    Run run = store.runs().run(runId);
    if (run.status().isFinished()) {
      throw new DpException(
          io.dataplatform.api.StandardErrorCode.CONFLICT,
          "Cannot cancel run: it has already ended as " + run.status() + " (" + runId + ")");
    }
    return executor.cancel(runId);
  }

  /**
   * Runs a finished run again as a new run that starts at {@code fromStep}, or at the first step
   * that did not succeed when empty; the steps before it are recorded done from the original.
   */
  public Run reexecute(long runId, Optional<String> fromStep) {
    Run original = store.runs().run(runId);
    if (!original.status().isFinished()) {
      throw new DpException(
          io.dataplatform.api.StandardErrorCode.CONFLICT,
          "Cannot re-execute run: it has not ended (" + runId + ", " + original.status() + ")");
    }
    JobDefinition job = jobs.job(original.jobName());
    int start =
        fromStep.map(job::stepIndex).orElseGet(() -> firstNotDone(runId, job.steps().size()));
    RunRequest request =
        new RunRequest(
            job.name(),
            job.retries().maxAttempts(),
            "reexecution",
            "re-execution of run " + runId + " from step " + job.steps().get(start).name(),
            Optional.empty(),
            original.partitionFrom(),
            original.partitionTo(),
            original.partitionCount(),
            OptionalLong.empty(),
            OptionalLong.of(runId),
            start,
            Instant.now());
    Run run = store.runs().enqueue(request).orElseThrow();
    store.steps().copyDone(runId, run.id(), start);
    store.events().add(run.id(), "RUN_QUEUED", Optional.empty(), request.triggerDetail());
    executor.wakeUp();
    return run;
  }

  private int firstNotDone(long runId, int stepCount) {
    Set<Integer> done = new HashSet<>();
    store.steps().steps(runId).stream()
        .filter(step -> step.status().equals("SUCCEEDED"))
        .forEach(step -> done.add(step.index()));
    for (int i = 0; i < stepCount; i++) {
      if (!done.contains(i)) {
        return i;
      }
    }
    return 0;
  }

  // ---- assets ----

  /** The asset graph from the providers, the pipelines files and the jobs' steps. */
  public AssetGraph assetGraph() {
    List<AssetDefinition> definitions = new ArrayList<>();
    for (AssetProvider provider : providers) {
      definitions.addAll(provider.assets());
    }
    definitions.addAll(jobs.declaredAssets());
    for (JobDefinition job : jobs.jobs()) {
      for (AssetKey key : job.materializes()) {
        definitions.add(new AssetDefinition(key, "job", List.of(), "", Optional.of(job.name())));
      }
    }
    return AssetGraph.of(definitions);
  }

  /** Every asset with its last materialization, staleness and whether its job is running. */
  public List<AssetStatus> assetStatuses(AssetGraph graph) {
    Map<AssetKey, Materialization> latest = store.materializations().latest();
    Map<String, Integer> running = store.runs().runningPerJob();
    List<AssetStatus> statuses = new ArrayList<>(graph.size());
    for (AssetDefinition asset : graph.assets()) {
      Optional<Materialization> last = Optional.ofNullable(latest.get(asset.key()));
      boolean stale = last.isEmpty() && !asset.kind().equals("external");
      for (AssetKey dependency : asset.dependencies()) {
        Materialization upstream = latest.get(dependency);
        if (upstream != null && last.isPresent() && upstream.id() > last.get().id()) {
          stale = true;
        }
      }
      boolean isRunning = asset.job().map(job -> running.getOrDefault(job, 0) > 0).orElse(false);
      statuses.add(new AssetStatus(asset, last, stale, isRunning));
    }
    return statuses;
  }

  /** Enqueues a run of the job that materializes {@code key}. */
  public Run materialize(AssetKey key, Optional<String> partition) {
    AssetDefinition asset = assetGraph().asset(key);
    String job =
        asset
            .job()
            .orElseThrow(
                () ->
                    DpException.user(
                        "Cannot materialize asset: no job materializes it; name one in a"
                            + " pipelines file ("
                            + key
                            + ")"));
    return submit(job, partition, "manual", "materialize " + key);
  }

  // ---- schedules and sensors ----

  public Scheduler scheduler() {
    return scheduler;
  }

  public void enableSchedule(String job) {
    jobs.job(job);
    scheduler.restartFrom(job, Instant.now());
    store.triggers().setEnabled(Scheduler.stateName(job), true);
  }

  public void disableSchedule(String job) {
    jobs.job(job);
    store.triggers().setEnabled(Scheduler.stateName(job), false);
  }

  public void enableSensor(String sensor) {
    checkSensor(sensor);
    store.triggers().setEnabled(SensorEvaluator.stateName(sensor), true);
  }

  public void disableSensor(String sensor) {
    checkSensor(sensor);
    store.triggers().setEnabled(SensorEvaluator.stateName(sensor), false);
  }

  private void checkSensor(String sensor) {
    boolean known =
        jobs.jobs().stream()
            .flatMap(job -> job.sensors().stream())
            .anyMatch(definition -> definition.name().equals(sensor));
    if (!known) {
      throw DpException.notFound("Cannot find sensor: no such sensor (" + sensor + ")");
    }
  }

  public boolean triggerEnabled(String stateName) {
    return store.triggers().enabled(stateName);
  }

  /** Stops triggers, then the executor (running runs go back to the queue to resume later). */
  @Override
  public void close() {
    triggers.shutdownNow();
    sensors.close();
    executor.close();
  }
}

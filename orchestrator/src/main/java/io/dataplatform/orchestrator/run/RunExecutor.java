package io.dataplatform.orchestrator.run;

import static java.util.Objects.requireNonNull;

import io.dataplatform.orchestrator.job.JobCatalog;
import io.dataplatform.orchestrator.job.JobDefinition;
import io.dataplatform.orchestrator.step.StepRunners;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Takes due runs from the queue and executes them: at most {@code maxConcurrentRuns} at once on
 * this server and at most each job's {@code concurrency} across the queue. At start, runs that this
 * server was executing when it died are concluded as interrupted, and their retry policy applies.
 */
public final class RunExecutor implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunExecutor.class);

  private final ExecutorSettings settings;
  private final JobCatalog jobs;
  private final RunStore store;
  private final StepRunners runners;
  private final RunConclusion conclusion;
  private final Map<Long, RunAttempt> active = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timers;
  private final ExecutorService runThreads;
  private final ExecutorService stepThreads;
  private final Object wakeUp = new Object();
  private volatile boolean closed;

  public RunExecutor(
      ExecutorSettings settings,
      JobCatalog jobs,
      RunStore store,
      StepRunners runners,
      RunConclusion conclusion) {
    this.settings = requireNonNull(settings, "settings");
    this.jobs = requireNonNull(jobs, "jobs");
    this.store = requireNonNull(store, "store");
    this.runners = requireNonNull(runners, "runners");
    this.conclusion = requireNonNull(conclusion, "conclusion");
    this.timers = Executors.newScheduledThreadPool(1, threads("dp-run-heartbeat"));
    this.runThreads = Executors.newFixedThreadPool(settings.maxConcurrentRuns(), threads("dp-run"));
    this.stepThreads = Executors.newCachedThreadPool(threads("dp-step"));
  }

  private static java.util.concurrent.ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Concludes interrupted runs, then starts dispatching and heart-beating. */
  public RunExecutor start() {
    recover(store.runs().runningOf(settings.owner()));
    Thread dispatcher = new Thread(this::dispatchLoop, "dp-run-dispatcher");
    dispatcher.setDaemon(true);
    dispatcher.start();
    long heartbeat = settings.heartbeatInterval().toMillis();
    timers.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    return this;
  }

  /** Asks the dispatcher to look at the queue now (after an enqueue). */
  public void wakeUp() {
    synchronized (wakeUp) {
      wakeUp.notifyAll();
    }
  }

  /** Cancels a queued run, or stops a running one; returns the status after the request. */
  public RunStatus cancel(long runId) {
    RunStatus status = store.runs().requestCancel(runId, Instant.now());
    RunAttempt attempt = active.get(runId);
    if (attempt != null) {
      attempt.cancel();
    }
    if (status == RunStatus.CANCELED) {
      store.events().add(runId, "RUN_CANCELED", Optional.empty(), "canceled before it started");
    }
    return status;
  }

  public int activeRuns() {
    return active.size();
  }

  private void dispatchLoop() {
    while (!closed) {
      try {
        dispatch();
      } catch (RuntimeException e) {
        LOG.warn("Cannot dispatch runs: {}", e.getMessage(), e);
      }
      synchronized (wakeUp) {
        try {
          wakeUp.wait(settings.pollInterval().toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void dispatch() {
    int free = settings.maxConcurrentRuns() - active.size();
    if (free <= 0) {
      return;
    }
    List<Run> due = store.runs().due(Instant.now(), free * 4 + 16);
    if (due.isEmpty()) {
      return;
    }
    Map<String, Integer> running = new ConcurrentHashMap<>(store.runs().runningPerJob());
    for (Run run : due) {
      if (free == 0 || closed) {
        return;
      }
      Optional<JobDefinition> job = jobs.find(run.jobName());
      int limit = job.map(JobDefinition::maxConcurrentRuns).orElse(Integer.MAX_VALUE);
      if (running.getOrDefault(run.jobName(), 0) >= limit) {
        continue;
      }
      if (!store.runs().claim(run.id(), settings.owner(), Instant.now())) {
        continue;
      }
      running.merge(run.jobName(), 1, Integer::sum);
      free--;
      Run claimed = store.runs().run(run.id());
      if (job.isEmpty()) {
        store.steps().failRunning(run.id(), "job removed", Instant.now());
        conclusion.failForGood(
            claimed,
            Optional.empty(),
            "Cannot run job: it is no longer defined in the pipelines folder ("
                + run.jobName()
                + ")");
        continue;
      }
      RunAttempt attempt = new RunAttempt(claimed, job.get(), store, runners, stepThreads);
      active.put(run.id(), attempt);
      runThreads.submit(() -> execute(attempt, job.get()));
    }
  }

  private void execute(RunAttempt attempt, JobDefinition job) {
    try {
      RunAttempt.Outcome outcome = attempt.execute();
      conclusion.conclude(attempt.run(), job, outcome);
    } catch (RuntimeException e) {
      LOG.error("Run {} failed unexpectedly", attempt.run().id(), e);
      conclusion.conclude(
          attempt.run(),
          job,
          new RunAttempt.Outcome(RunAttempt.Result.FAILED, Optional.of(RunAttempt.message(e))));
    } finally {
      active.remove(attempt.run().id());
      wakeUp();
    }
  }

  private void heartbeat() {
    try {
      Instant now = Instant.now();
      store.runs().heartbeat(settings.owner(), now);
      for (long id : store.runs().cancelRequested(settings.owner())) {
        RunAttempt attempt = active.get(id);
        if (attempt != null) {
          attempt.cancel();
        }
      }
      List<Run> stale = store.runs().runningWithHeartbeatBefore(now.minus(settings.staleAfter()));
      recover(stale.stream().filter(run -> !active.containsKey(run.id())).toList());
    } catch (RuntimeException e) {
      LOG.warn("Cannot record run heartbeat: {}", e.getMessage());
    }
  }

  private void recover(List<Run> interrupted) {
    for (Run run : interrupted) {
      String reason =
          "interrupted: the server executing it ("
              + run.owner().orElse("unknown")
              + ") stopped before it finished";
      int steps = store.steps().failRunning(run.id(), reason, Instant.now());
      store.events().add(run.id(), "RUN_INTERRUPTED", Optional.empty(), reason);
      LOG.info("Run {} of {} was interrupted ({} steps running)", run.id(), run.jobName(), steps);
      conclusion.conclude(
          run,
          jobs.find(run.jobName()),
          new RunAttempt.Outcome(
              run.cancelRequested() ? RunAttempt.Result.CANCELED : RunAttempt.Result.FAILED,
              Optional.of(reason)));
    }
  }

  /** Stops taking runs; running runs are stopped and concluded as interrupted (and retried). */
  @Override
  public void close() {
    closed = true;
    wakeUp();
    active.values().forEach(RunAttempt::shutdown);
    runThreads.shutdown();
    try {
      if (!runThreads.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("{} runs did not stop within 10 s", active.size());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    timers.shutdownNow();
    stepThreads.shutdownNow();
  }
}

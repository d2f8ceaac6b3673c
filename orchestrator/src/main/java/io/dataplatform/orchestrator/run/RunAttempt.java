package io.dataplatform.orchestrator.run;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.AssetKey;
import io.dataplatform.api.Cancellation;
import io.dataplatform.api.DpException;
import io.dataplatform.orchestrator.job.Durations;
import io.dataplatform.orchestrator.job.JobDefinition;
import io.dataplatform.orchestrator.job.Step;
import io.dataplatform.orchestrator.step.StepContext;
import io.dataplatform.orchestrator.step.StepResult;
import io.dataplatform.orchestrator.step.StepRunners;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One attempt of one run: runs the steps that are not done yet, in order, each on a step thread
 * while this thread watches for cancel, shutdown and the job's timeout.
 */
final class RunAttempt {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunAttempt.class);
  private static final long WATCH_MILLIS = 50;
  private static final long STOP_GRACE_MILLIS = 2_000;

  /** How the attempt ended. */
  enum Result {
    SUCCEEDED,
    FAILED,
    CANCELED,
    INTERRUPTED
  }

  record Outcome(Result result, Optional<String> error) {}

  private final Run run;
  private final JobDefinition job;
  private final RunStore store;
  private final StepRunners runners;
  private final ExecutorService stepThreads;
  private volatile boolean canceled;
  private volatile boolean shutdown;

  RunAttempt(
      Run run,
      JobDefinition job,
      RunStore store,
      StepRunners runners,
      ExecutorService stepThreads) {
    this.run = requireNonNull(run, "run");
    this.job = requireNonNull(job, "job");
    this.store = requireNonNull(store, "store");
    this.runners = requireNonNull(runners, "runners");
    this.stepThreads = requireNonNull(stepThreads, "stepThreads");
    this.canceled = run.cancelRequested();
  }

  void cancel() {
    canceled = true;
  }

  void shutdown() {
    shutdown = true;
  }

  Run run() {
    return run;
  }

  Outcome execute() {
    List<String> partitions = partitions();
    Optional<Instant> deadline = job.timeout().map(timeout -> Instant.now().plus(timeout));
    event(
        "RUN_STARTED",
        Optional.empty(),
        "attempt " + run.attempt() + " of " + run.maxAttempts() + describe(partitions));
    for (int index = run.startStep(); index < job.steps().size(); index++) {
      Step step = job.steps().get(index);
      Optional<Outcome> stopped = stopped();
      if (stopped.isPresent()) {
        return stopped.get();
      }
      if (!store.steps().start(run.id(), index, step.name(), Instant.now())) {
        event("STEP_SKIPPED", Optional.of(step.name()), "already done in an earlier attempt");
        continue;
      }
      event("STEP_STARTED", Optional.of(step.name()), step.kind() + " step " + (index + 1));
      Outcome outcome = runStep(index, step, partitions, deadline);
      if (outcome.result() != Result.SUCCEEDED) {
        return outcome;
      }
    }
    return new Outcome(Result.SUCCEEDED, Optional.empty());
  }

  private Outcome runStep(
      int index, Step step, List<String> partitions, Optional<Instant> deadline) {
    Cancellation cancellation = new Cancellation();
    StepContext context =
        new StepContext(
            run.id(),
            job.name(),
            run.attempt(),
            partitions,
            line -> event("LOG", Optional.of(step.name()), line),
            cancellation);
    CountDownLatch ended = new CountDownLatch(1);
    Future<StepResult> future =
        stepThreads.submit(
            () -> {
              try {
                return runners.run(step, context);
              } finally {
                ended.countDown();
              }
            });
    StepResult result;
    try {
      result = await(future, deadline);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String message = message(cause);
      if (!(cause instanceof DpException) && !(cause instanceof InterruptedException)) {
        LOG.warn("Step {} of run {} failed", step.name(), run.id(), cause);
      }
      return stepFailed(index, step, Result.FAILED, message);
    } catch (StopException e) {
      String reason = e.outcome.error().orElseThrow();
      stop(future, ended, cancellation, reason);
      return stepFailed(index, step, e.outcome.result(), reason);
    }
    Set<AssetKey> assets = new LinkedHashSet<>(step.assets());
    assets.addAll(result.materialized());
    Instant now = Instant.now();
    for (AssetKey asset : assets) {
      if (partitions.isEmpty()) {
        store.materializations().record(asset, run.id(), Optional.empty(), now);
      }
      for (String partition : partitions) {
        store.materializations().record(asset, run.id(), Optional.of(partition), now);
      }
      event("ASSET_MATERIALIZED", Optional.of(step.name()), asset.toString());
    }
    for (String line : result.logLines()) {
      event("LOG", Optional.of(step.name()), line);
    }
    if (store.steps().succeed(run.id(), index, Instant.now())) {
      event("STEP_SUCCEEDED", Optional.of(step.name()), "done");
    }
    return new Outcome(Result.SUCCEEDED, Optional.empty());
  }

  private StepResult await(Future<StepResult> future, Optional<Instant> deadline)
      throws ExecutionException, StopException {
    while (true) {
      try {
        return future.get(WATCH_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        Optional<Outcome> stopped = stopped();
        if (stopped.isPresent()) {
          throw new StopException(stopped.get());
        }
        if (deadline.isPresent() && Instant.now().isAfter(deadline.get())) {
          throw new StopException(
              new Outcome(
                  Result.FAILED,
                  Optional.of(
                      "Cannot finish run: it ran longer than its timeout of "
                          + Durations.format(job.timeout().orElseThrow())
                          + " ("
                          + job.name()
                          + ")")));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StopException(
            new Outcome(Result.INTERRUPTED, Optional.of("interrupted: the server is stopping")));
      }
    }
  }

  /**
   * Stops a running step: cancels its work in the engine and interrupts its thread, repeating the
   * cancel until the step returns (a statement that had not started executing at the first cancel
   * is reached by a later one), for at most {@link #STOP_GRACE_MILLIS}.
   */
  private void stop(
      Future<StepResult> future, CountDownLatch ended, Cancellation cancellation, String reason) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MILLIS);
    cancellation.cancel(reason);
    future.cancel(true);
    try {
      while (!ended.await(WATCH_MILLIS, TimeUnit.MILLISECONDS)) {
        if (System.nanoTime() > deadline) {
          LOG.warn("Step of run {} did not stop within {} ms", run.id(), STOP_GRACE_MILLIS);
          return;
        }
        cancellation.cancel(reason);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Optional<Outcome> stopped() {
    if (canceled) {
      return Optional.of(new Outcome(Result.CANCELED, Optional.of("canceled by request")));
    }
    if (shutdown) {
      return Optional.of(
          new Outcome(Result.INTERRUPTED, Optional.of("interrupted: the server is stopping")));
    }
    return Optional.empty();
  }

  private Outcome stepFailed(int index, Step step, Result result, String message) {
    store.steps().fail(run.id(), index, message, Instant.now());
    event("STEP_FAILED", Optional.of(step.name()), message);
    return new Outcome(result, Optional.of(step.name() + ": " + message));
  }

  private List<String> partitions() {
    if (run.partitionFrom().isEmpty()) {
      return List.of();
    }
    String from = run.partitionFrom().get();
    String to = run.partitionTo().orElse(from);
    if (job.partitions().isPresent()) {
      return job.partitions().get().range(from, to);
    }
    return from.equals(to) ? List.of(from) : List.of(from, to);
  }

  private static String describe(List<String> partitions) {
    if (partitions.isEmpty()) {
      return "";
    }
    if (partitions.size() == 1) {
      return ", partition " + partitions.get(0);
    }
    return ", partitions "
        + partitions.get(0)
        + ".."
        + partitions.get(partitions.size() - 1)
        + " ("
        + partitions.size()
        + ")";
  }

  static String message(Throwable error) {
    if (error instanceof DpException) {
      return error.getMessage();
    }
    if (error instanceof InterruptedException) {
      return "interrupted";
    }
    String text = error.getMessage();
    return error.getClass().getSimpleName() + (text == null ? "" : ": " + text);
  }

  private void event(String kind, Optional<String> step, String message) {
    store.events().add(run.id(), kind, step, message);
  }

  private static final class StopException extends Exception {
    private final transient Outcome outcome;

    StopException(Outcome outcome) {
      super(outcome.error().orElse(""), null, false, false);
      this.outcome = outcome;
    }
  }
}

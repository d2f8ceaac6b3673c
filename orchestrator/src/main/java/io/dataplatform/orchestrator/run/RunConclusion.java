package io.dataplatform.orchestrator.run;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.orchestrator.job.Durations;
import io.dataplatform.orchestrator.job.JobDefinition;
import io.dataplatform.orchestrator.job.WebhookStep;
import io.dataplatform.orchestrator.step.WebhookStepRunner;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Records how an attempt ended and what follows: success; a retry after the backoff; a final
 * failure with its alert; a cancel; or, when the server stops, the run back in the queue to resume
 * at the step that did not finish.
 */
public final class RunConclusion {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(RunConclusion.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RunStore store;
  private final WebhookStepRunner webhooks;

  public RunConclusion(RunStore store, WebhookStepRunner webhooks) {
    this.store = requireNonNull(store, "store");
    this.webhooks = requireNonNull(webhooks, "webhooks");
  }

  void conclude(Run run, JobDefinition job, RunAttempt.Outcome outcome) {
    conclude(run, Optional.of(job), outcome);
  }

  void conclude(Run run, Optional<JobDefinition> job, RunAttempt.Outcome outcome) {
    Instant now = Instant.now();
    String error = outcome.error().orElse("");
    switch (outcome.result()) {
      case SUCCEEDED ->
          finish(
              run,
              RunStatus.SUCCEEDED,
              Optional.empty(),
              now,
              "RUN_SUCCEEDED",
              "succeeded in attempt " + run.attempt());
      case CANCELED -> finish(run, RunStatus.CANCELED, outcome.error(), now, "RUN_CANCELED", error);
      case INTERRUPTED ->
          retry(
              run,
              run.attempt(),
              now,
              error,
              "RUN_REQUEUED",
              error + "; it resumes when a server takes it");
      default -> failed(run, job, error, now);
    }
  }

  private void failed(Run run, Optional<JobDefinition> job, String error, Instant now) {
    if (job.isPresent() && job.get().retries().retries(run.attempt())) {
      Duration delay = job.get().retries().delayAfter(run.attempt());
      retry(
          run,
          run.attempt() + 1,
          now.plus(delay),
          error,
          "RETRY_SCHEDULED",
          "attempt "
              + run.attempt()
              + " failed: "
              + error
              + "; attempt "
              + (run.attempt() + 1)
              + " of "
              + run.maxAttempts()
              + " in "
              + Durations.format(delay));
      return;
    }
    failForGood(run, job, error);
  }

  /** Ends the run as failed without a retry and sends the job's failure alert. */
  void failForGood(Run run, Optional<JobDefinition> job, String error) {
    if (!finish(
        run,
        RunStatus.FAILED,
        Optional.of(error),
        Instant.now(),
        "RUN_FAILED",
        "failed after " + run.attempt() + " attempts: " + error)) {
      return;
    }
    job.flatMap(JobDefinition::onFailure).ifPresent(alert -> alert(run, alert, error));
  }

  /**
   * Ends a running run and records its final event in one transaction, so a reader that sees the
   * final status also sees the event.
   *
   * @return false when the run was not running (any more); nothing is recorded then
   */
  private boolean finish(
      Run run, RunStatus status, Optional<String> error, Instant now, String kind, String message) {
    return store.inTransaction(
        transaction -> {
          if (!transaction.runs().finish(run.id(), status, error, now)) {
            return false;
          }
          transaction.events().add(run.id(), kind, Optional.empty(), message);
          return true;
        });
  }

  /** Puts a running run back in the queue and records why, in one transaction. */
  private void retry(
      Run run, int attempt, Instant notBefore, String error, String kind, String message) {
    store.inTransaction(
        transaction -> {
          if (transaction.runs().retry(run.id(), attempt, notBefore, error)) {
            transaction.events().add(run.id(), kind, Optional.empty(), message);
          }
          return null;
        });
  }

  private void alert(Run run, WebhookStep alert, String error) {
    try {
      String body = alert.body().orElse(alertBody(run, error));
      int status = webhooks.send(alert, body);
      event(run, "ALERT_SENT", alert.method() + " " + alert.url() + " answered " + status);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Cannot send failure alert of run {}: {}", run.id(), e.getMessage());
      event(run, "ALERT_FAILED", RunAttempt.message(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      event(run, "ALERT_FAILED", "interrupted");
    }
  }

  private static String alertBody(Run run, String error) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("event", "run_failed");
    body.put("job", run.jobName());
    body.put("run", run.id());
    body.put("attempts", run.attempt());
    body.put("partition_from", run.partitionFrom().orElse(null));
    body.put("partition_to", run.partitionTo().orElse(null));
    body.put("error", error);
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void event(Run run, String kind, String message) {
    store.events().add(run.id(), kind, Optional.empty(), message);
  }
}

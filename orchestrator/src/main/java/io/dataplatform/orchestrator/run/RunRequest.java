package io.dataplatform.orchestrator.run;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A run to enqueue.
 *
 * @param dedupeKey when present, a second request with the same key is ignored (a schedule tick or
 *     a sensor event enqueues once, even across restarts)
 */
public record RunRequest(
    String jobName,
    int maxAttempts,
    String trigger,
    String triggerDetail,
    Optional<String> dedupeKey,
    Optional<String> partitionFrom,
    Optional<String> partitionTo,
    int partitionCount,
    OptionalLong backfillId,
    OptionalLong parentRunId,
    int startStep,
    Instant notBefore) {
  public RunRequest {
    requireNonNull(jobName, "jobName");
    requireNonNull(trigger, "trigger");
    requireNonNull(triggerDetail, "triggerDetail");
    requireNonNull(dedupeKey, "dedupeKey");
    requireNonNull(partitionFrom, "partitionFrom");
    requireNonNull(partitionTo, "partitionTo");
    requireNonNull(backfillId, "backfillId");
    requireNonNull(parentRunId, "parentRunId");
    requireNonNull(notBefore, "notBefore");
  }

  /** A plain request for the whole job, or one partition of it. */
  public static RunRequest of(
      String jobName, int maxAttempts, String trigger, String detail, Optional<String> partition) {
    return new RunRequest(
        jobName,
        maxAttempts,
        trigger,
        detail,
        Optional.empty(),
        partition,
        partition,
        partition.isPresent() ? 1 : 0,
        OptionalLong.empty(),
        OptionalLong.empty(),
        0,
        Instant.now());
  }

  public RunRequest withDedupeKey(String key) {
    return new RunRequest(
        jobName,
        maxAttempts,
        trigger,
        triggerDetail,
        Optional.of(key),
        partitionFrom,
        partitionTo,
        partitionCount,
        backfillId,
        parentRunId,
        startStep,
        notBefore);
  }
}

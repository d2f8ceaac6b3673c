package io.dataplatform.orchestrator.run;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One run of a job, as stored in the queue.
 *
 * @param trigger what asked for it: {@code manual}, {@code schedule}, {@code sensor}, {@code
 *     backfill}, {@code reexecution}
 * @param partitionFrom the first partition the run covers, with {@code partitionTo} the last
 * @param startStep the index of the first step to run (re-execution from a failed step)
 * @param notBefore the run is not started before this time (retry backoff)
 */
public record Run(
    long id,
    String jobName,
    RunStatus status,
    int attempt,
    int maxAttempts,
    String trigger,
    String triggerDetail,
    Optional<String> partitionFrom,
    Optional<String> partitionTo,
    int partitionCount,
    OptionalLong backfillId,
    OptionalLong parentRunId,
    int startStep,
    Instant notBefore,
    Instant createdAt,
    Optional<Instant> startedAt,
    Optional<Instant> endedAt,
    Optional<String> owner,
    boolean cancelRequested,
    Optional<String> errorMessage) {
  public Run {
    requireNonNull(jobName, "jobName");
    requireNonNull(status, "status");
    requireNonNull(trigger, "trigger");
    requireNonNull(triggerDetail, "triggerDetail");
    requireNonNull(partitionFrom, "partitionFrom");
    requireNonNull(partitionTo, "partitionTo");
    requireNonNull(backfillId, "backfillId");
    requireNonNull(parentRunId, "parentRunId");
    requireNonNull(notBefore, "notBefore");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(endedAt, "endedAt");
    requireNonNull(owner, "owner");
    requireNonNull(errorMessage, "errorMessage");
  }
}

package io.dataplatform.orchestrator.run;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * The recorded state of one step of a run: {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED}.
 */
public record StepRecord(
    long runId,
    int index,
    String name,
    String status,
    int attempts,
    Optional<Instant> startedAt,
    Optional<Instant> endedAt,
    Optional<String> errorMessage) {
  public StepRecord {
    requireNonNull(name, "name");
    requireNonNull(status, "status");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(endedAt, "endedAt");
    requireNonNull(errorMessage, "errorMessage");
  }
}

package io.dataplatform.orchestrator.run;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A structured event of a run: state changes ({@code RUN_STARTED}, {@code STEP_SUCCEEDED}, {@code
 * RETRY_SCHEDULED}, ...), log lines ({@code LOG}) and materializations.
 */
public record RunEvent(
    long id, long runId, Instant time, String kind, Optional<String> step, String message) {
  public RunEvent {
    requireNonNull(time, "time");
    requireNonNull(kind, "kind");
    requireNonNull(step, "step");
    requireNonNull(message, "message");
  }
}

package io.dataplatform.orchestrator.trigger;

import io.dataplatform.orchestrator.job.JobDefinition;
import io.dataplatform.orchestrator.run.Run;
import java.util.Optional;

/** How triggers enqueue runs. */
@FunctionalInterface
public interface RunSubmitter {
  /**
   * Enqueues a run of {@code job}; empty when {@code dedupeKey} was used before.
   *
   * @param trigger {@code schedule} or {@code sensor}
   */
  Optional<Run> submit(
      JobDefinition job,
      Optional<String> partition,
      String trigger,
      String detail,
      String dedupeKey);
}

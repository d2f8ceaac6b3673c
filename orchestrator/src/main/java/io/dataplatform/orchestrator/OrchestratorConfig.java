package io.dataplatform.orchestrator;

import static java.util.Objects.requireNonNull;

import io.dataplatform.orchestrator.run.ExecutorSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Configuration of the orchestrator.
 *
 * @param pipelinesDirectory the folder of job YAML files ({@code orchestrator.pipelines-dir})
 * @param executor the run executor's settings ({@code orchestrator.max-concurrent-runs})
 * @param triggerInterval how often schedules and sensors are evaluated
 */
public record OrchestratorConfig(
    Path pipelinesDirectory, ExecutorSettings executor, Duration triggerInterval) {
  public OrchestratorConfig {
    requireNonNull(pipelinesDirectory, "pipelinesDirectory");
    requireNonNull(executor, "executor");
    requireNonNull(triggerInterval, "triggerInterval");
  }

  public static OrchestratorConfig of(
      Path pipelinesDirectory, String owner, int maxConcurrentRuns) {
    return new OrchestratorConfig(
        pipelinesDirectory,
        ExecutorSettings.defaults(owner, maxConcurrentRuns),
        Duration.ofSeconds(1));
  }
}

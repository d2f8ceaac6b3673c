package io.dataplatform.server.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Settings of the orchestrator.
 *
 * @param pipelinesDirectory the folder of job YAML files ({@code orchestrator.pipelines-dir})
 * @param maxConcurrentRuns runs executing at once on this server ({@code
 *     orchestrator.max-concurrent-runs})
 */
public record OrchestratorSettings(Path pipelinesDirectory, int maxConcurrentRuns) {
  public OrchestratorSettings {
    requireNonNull(pipelinesDirectory, "pipelinesDirectory");
  }
}

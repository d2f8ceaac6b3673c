package io.dataplatform.transform.artifacts;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a run's artifacts go besides the project's target directory: the server stores them in its
 * object store.
 */
@FunctionalInterface
public interface ArtifactPublisher {
  /**
   * Stores the artifact files one run wrote ({@code manifest.json}, {@code run_results.json}, and
   * {@code catalog.json} or {@code sources.json} when the command produced them).
   *
   * @param project the dbt project's name
   * @param runId the run's id, as recorded in the run history and in the artifacts' {@code
   *     invocation_id}
   */
  void publish(String project, String runId, List<Path> files);

  /** Keeps artifacts in the target directory only. */
  static ArtifactPublisher none() {
    return (project, runId, files) -> {};
  }
}

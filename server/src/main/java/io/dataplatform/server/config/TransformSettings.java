package io.dataplatform.server.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Settings of the transformation role.
 *
 * @param projectsDirectory the folder whose subfolders are dbt projects, named by folder in jobs
 *     and the web UI ({@code transform.projects-dir})
 */
public record TransformSettings(Path projectsDirectory) {
  public TransformSettings {
    requireNonNull(projectsDirectory, "projectsDirectory");
  }
}

package io.dataplatform.transform.history;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A recorded run of a transform command.
 *
 * @param status {@code success} or {@code error}
 */
public record TransformRun(
    String id,
    String projectName,
    String projectPath,
    String command,
    String username,
    String status,
    Instant startedAt,
    Instant completedAt) {
  public TransformRun {
    requireNonNull(id, "id");
    requireNonNull(projectName, "projectName");
    requireNonNull(projectPath, "projectPath");
    requireNonNull(command, "command");
    requireNonNull(username, "username");
    requireNonNull(status, "status");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(completedAt, "completedAt");
  }
}

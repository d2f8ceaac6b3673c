package io.dataplatform.transform.execute;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What running one node did.
 *
 * @param message the error or a short summary ({@code OK}, {@code INSERT 3}, {@code Got 2 results})
 * @param failures the number of failing rows of a test; 0 otherwise
 * @param compiledSql the SQL that ran (empty for a seed or a node that did not compile)
 * @param relationName {@code schema.name} of the relation written, empty for a test
 */
public record NodeResult(
    String uniqueId,
    NodeStatus status,
    String message,
    long failures,
    String compiledSql,
    String relationName,
    Instant startedAt,
    Instant completedAt,
    String thread) {
  public NodeResult {
    requireNonNull(uniqueId, "uniqueId");
    requireNonNull(status, "status");
    requireNonNull(message, "message");
    requireNonNull(compiledSql, "compiledSql");
    requireNonNull(relationName, "relationName");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(completedAt, "completedAt");
    requireNonNull(thread, "thread");
  }

  public double seconds() {
    return (completedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0;
  }
}

package io.dataplatform.transform.freshness;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One source table's freshness.
 *
 * @param maxLoadedAt the newest {@code loaded_at_field} value; empty on a runtime error
 * @param snapshottedAt when the check looked
 * @param ageSeconds {@code snapshottedAt - maxLoadedAt} in seconds; 0 on a runtime error
 * @param error the reason of a runtime error, empty otherwise
 * @param sql the query that ran
 */
public record SourceFreshnessResult(
    String uniqueId,
    String sourceName,
    String tableName,
    FreshnessStatus status,
    Optional<Instant> maxLoadedAt,
    Instant snapshottedAt,
    double ageSeconds,
    FreshnessCriteria criteria,
    Optional<String> error,
    String sql,
    Instant startedAt,
    Instant completedAt,
    String thread) {
  public SourceFreshnessResult {
    requireNonNull(uniqueId, "uniqueId");
    requireNonNull(sourceName, "sourceName");
    requireNonNull(tableName, "tableName");
    requireNonNull(status, "status");
    requireNonNull(maxLoadedAt, "maxLoadedAt");
    requireNonNull(snapshottedAt, "snapshottedAt");
    requireNonNull(criteria, "criteria");
    requireNonNull(error, "error");
    requireNonNull(sql, "sql");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(completedAt, "completedAt");
    requireNonNull(thread, "thread");
  }

  public double seconds() {
    return (completedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0;
  }
}

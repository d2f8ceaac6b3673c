package io.dataplatform.lakehouse.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** One snapshot of a table: a commit. */
public record SnapshotDetails(
    long snapshotId,
    Optional<Long> parentId,
    Instant timestamp,
    String operation,
    Map<String, String> summary) {
  public SnapshotDetails {
    requireNonNull(parentId, "parentId");
    requireNonNull(timestamp, "timestamp");
    requireNonNull(operation, "operation");
    summary = Map.copyOf(summary);
  }
}

package io.dataplatform.lakehouse.load;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A load commit as found in a table's history. */
public record CommittedLoad(long snapshotId, Instant committedAt, LoadCommit commit) {
  public CommittedLoad {
    requireNonNull(committedAt, "committedAt");
    requireNonNull(commit, "commit");
  }
}

package io.dataplatform.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A bucket as listed. */
public record BucketSummary(String name, Instant createdAt) {
  public BucketSummary {
    requireNonNull(name, "name");
    requireNonNull(createdAt, "createdAt");
  }
}

package io.dataplatform.orchestrator.asset;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.AssetKey;
import java.time.Instant;
import java.util.Optional;

/** A recorded write of an asset (or one partition of it) by a run. */
public record Materialization(
    long id, AssetKey asset, long runId, Optional<String> partition, Instant time) {
  public Materialization {
    requireNonNull(asset, "asset");
    requireNonNull(partition, "partition");
    requireNonNull(time, "time");
  }
}

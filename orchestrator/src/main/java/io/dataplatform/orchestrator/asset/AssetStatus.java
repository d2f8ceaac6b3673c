package io.dataplatform.orchestrator.asset;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * An asset with what is known of it now.
 *
 * @param stale never materialized, or a dependency was materialized after it
 * @param running a run of the job that materializes it is running
 */
public record AssetStatus(
    AssetDefinition asset,
    Optional<Materialization> lastMaterialization,
    boolean stale,
    boolean running) {
  public AssetStatus {
    requireNonNull(asset, "asset");
    requireNonNull(lastMaterialization, "lastMaterialization");
  }
}

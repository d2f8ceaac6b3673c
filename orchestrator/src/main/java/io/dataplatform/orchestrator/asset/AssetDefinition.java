package io.dataplatform.orchestrator.asset;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.AssetKey;
import java.util.List;
import java.util.Optional;

/**
 * A node of the asset graph.
 *
 * @param kind where it comes from: {@code table} (ingested stream), {@code model}, {@code seed},
 *     {@code snapshot} (transform), {@code declared} (pipelines YAML), or another provider's word
 * @param dependencies the assets it is computed from
 * @param job the job that materializes it, when one is known
 */
public record AssetDefinition(
    AssetKey key,
    String kind,
    List<AssetKey> dependencies,
    String description,
    Optional<String> job) {
  public AssetDefinition {
    requireNonNull(key, "key");
    requireNonNull(kind, "kind");
    dependencies = List.copyOf(dependencies);
    requireNonNull(description, "description");
    requireNonNull(job, "job");
  }
}

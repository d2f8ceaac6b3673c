package io.dataplatform.orchestrator.trigger;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.AssetKey;
import java.time.Duration;
import java.util.List;

/** What starts a job besides its schedule. Each sensor has a name unique on the platform. */
public sealed interface SensorDefinition {
  /** {@code <job>.<kind>} or {@code <job>.<kind>_<n>} when a job has several of one kind. */
  String name();

  /** A new object appeared in {@code bucket} under {@code prefix}. */
  record NewObject(String name, String bucket, String prefix) implements SensorDefinition {
    public NewObject {
      requireNonNull(name, "name");
      requireNonNull(bucket, "bucket");
      requireNonNull(prefix, "prefix");
    }
  }

  /** One of {@code assets} was materialized by another run (eager materialization). */
  record AssetMaterialized(String name, List<AssetKey> assets) implements SensorDefinition {
    public AssetMaterialized {
      requireNonNull(name, "name");
      assets = List.copyOf(assets);
    }
  }

  /** {@code asset}'s last materialization is older than {@code maxLag}, or it has none. */
  record Freshness(String name, AssetKey asset, Duration maxLag) implements SensorDefinition {
    public Freshness {
      requireNonNull(name, "name");
      requireNonNull(asset, "asset");
      requireNonNull(maxLag, "maxLag");
    }
  }
}

package io.dataplatform.orchestrator.job;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.AssetKey;
import java.util.List;

/** {@code sync: <connection>}: runs an ingestion sync of a connection. */
public record SyncStep(String name, String connection, List<AssetKey> assets) implements Step {
  public SyncStep {
    requireNonNull(name, "name");
    requireNonNull(connection, "connection");
    assets = List.copyOf(assets);
  }

  @Override
  public String kind() {
    return "sync";
  }
}

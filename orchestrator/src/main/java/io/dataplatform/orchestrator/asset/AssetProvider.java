package io.dataplatform.orchestrator.asset;

import java.util.List;

/**
 * A source of assets for the graph: the ingest module provides one asset per synced stream table,
 * the transform module one per model, seed and snapshot with their {@code ref}/{@code source}
 * dependencies. Called whenever the graph is rebuilt; must be fast (read from memory or one query).
 */
@FunctionalInterface
public interface AssetProvider {
  List<AssetDefinition> assets();
}

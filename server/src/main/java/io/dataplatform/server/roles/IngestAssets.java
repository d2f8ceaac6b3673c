package io.dataplatform.server.roles;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.AssetKey;
import io.dataplatform.ingest.connection.ConnectionDefinition;
import io.dataplatform.ingest.connection.ConnectionService;
import io.dataplatform.ingest.connection.StreamDefinition;
import io.dataplatform.orchestrator.asset.AssetDefinition;
import io.dataplatform.orchestrator.asset.AssetProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One asset per stream of every connection: the lake table it loads. */
public final class IngestAssets implements AssetProvider {
  private final ConnectionService connections;

  public IngestAssets(ConnectionService connections) {
    this.connections = requireNonNull(connections, "connections");
  }

  @Override
  public List<AssetDefinition> assets() {
    List<AssetDefinition> assets = new ArrayList<>();
    for (ConnectionDefinition connection : connections.list()) {
      for (StreamDefinition stream : connection.streams()) {
        assets.add(
            new AssetDefinition(
                AssetKey.of(connection.namespace(), stream.tableName()),
                "table",
                List.of(),
                "Stream "
                    + stream.name()
                    + " of connection "
                    + connection.name()
                    + " ("
                    + stream.mode().configName()
                    + ")",
                Optional.empty()));
      }
    }
    return assets;
  }
}

package io.dataplatform.api.connector;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What to read.
 *
 * @param streams the chosen streams, each with its mode and state
 * @param connectionName the connection's name, for names the connector creates at the source
 *     (replication slots, publications) and for log lines
 * @param workDirectory a private directory the connector may use for spill and staged files; the
 *     engine deletes it after the sync
 * @param batchRows the preferred number of records per batch
 */
public record ReadRequest(
    List<ConfiguredStream> streams, String connectionName, Path workDirectory, int batchRows) {
  public ReadRequest {
    streams = List.copyOf(streams);
    requireNonNull(connectionName, "connectionName");
    requireNonNull(workDirectory, "workDirectory");
    if (batchRows < 1) {
      throw new IllegalArgumentException(
          "Cannot create read request: batch size must be positive (" + batchRows + ")");
    }
  }

  public Optional<ConfiguredStream> stream(String name) {
    return streams.stream().filter(stream -> stream.name().equals(name)).findFirst();
  }
}

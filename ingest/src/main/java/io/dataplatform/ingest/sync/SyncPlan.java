package io.dataplatform.ingest.sync;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.lakehouse.load.DeleteMode;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one sync reads and where it writes.
 *
 * @param connection the connection's name, recorded with every commit
 * @param syncId unique per sync, written to {@code _dp_sync_id}
 * @param source the connector configuration with secrets decrypted
 * @param deletes what a CDC delete does to the table's row
 * @param reset the streams read from the start whatever their committed state, their tables' rows
 *     replaced by the first commit
 */
public record SyncPlan(
    String connection,
    String syncId,
    ConnectorConfig source,
    List<StreamPlan> streams,
    DeleteMode deletes,
    Set<String> reset) {
  public SyncPlan {
    requireNonNull(connection, "connection");
    requireNonNull(syncId, "syncId");
    requireNonNull(source, "source");
    streams = List.copyOf(streams);
    requireNonNull(deletes, "deletes");
    reset = Set.copyOf(reset);
  }

  /** A plan that resets no stream. */
  public SyncPlan(
      String connection,
      String syncId,
      ConnectorConfig source,
      List<StreamPlan> streams,
      DeleteMode deletes) {
    this(connection, syncId, source, streams, deletes, Set.of());
  }

  /**
   * This plan resetting {@code names}, or every stream when {@code names} is empty and {@code all}.
   *
   * @throws DpException INVALID_ARGUMENT naming a stream the plan does not read
   */
  public SyncPlan withReset(boolean all, Collection<String> names) {
    Set<String> known = new LinkedHashSet<>();
    streams.forEach(stream -> known.add(stream.name()));
    for (String name : names) {
      if (!known.contains(name)) {
        throw new DpException(
            StandardErrorCode.INVALID_ARGUMENT,
            "Cannot reset stream "
                + name
                + " of connection "
                + connection
                + ": the connection has no such stream (streams: "
                + String.join(", ", known)
                + ")");
      }
    }
    Set<String> chosen = all && names.isEmpty() ? known : Set.copyOf(names);
    return new SyncPlan(connection, syncId, source, streams, deletes, chosen);
  }
}

package io.dataplatform.ingest.sync;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.lakehouse.load.DeleteMode;
import java.util.List;

/**
 * What one sync reads and where it writes.
 *
 * @param connection the connection's name, recorded with every commit
 * @param syncId unique per sync, written to {@code _dp_sync_id}
 * @param source the connector configuration with secrets decrypted
 * @param deletes what a CDC delete does to the table's row
 */
public record SyncPlan(
    String connection,
    String syncId,
    ConnectorConfig source,
    List<StreamPlan> streams,
    DeleteMode deletes) {
  public SyncPlan {
    requireNonNull(connection, "connection");
    requireNonNull(syncId, "syncId");
    requireNonNull(source, "source");
    streams = List.copyOf(streams);
    requireNonNull(deletes, "deletes");
  }
}

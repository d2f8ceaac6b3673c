package io.dataplatform.ingest.cdc;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.ReadRequest;
import io.dataplatform.api.connector.SourceReader;
import io.dataplatform.api.connector.StreamState;
import io.dataplatform.api.connector.SyncMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Change data capture for the database connectors: readers for their streams in {@link
 * SyncMode#CDC}, the source-side status of a connection (replication slot, binlog position) and its
 * release when the connection is deleted.
 *
 * <p>A CDC reader first snapshots the chosen tables (records {@code READ}), then follows the change
 * log (records {@code INSERT}, {@code UPDATE}, {@code DELETE}, the last with the row's key columns
 * at least). Each record's position compares in source order. After each batch round it sends a
 * checkpoint for every stream; a read from any of those states resumes the change log without a new
 * snapshot. Call {@link SourceReader#committed} for every checkpoint once it is committed: only
 * then may the source forget the changes (PostgreSQL's slot advances). The reader runs until
 * closed, or, with the configuration key {@code cdc_idle_stop_seconds}, ends its streams after that
 * many seconds without a change.
 *
 * <p>Configuration keys beyond the shared database ones: {@code slot_name} and {@code publication}
 * (PostgreSQL, default {@code dp_<connection>} and {@code dp_<connection>_pub}), {@code
 * replica_identity_full} (PostgreSQL, default false: sets {@code REPLICA IDENTITY FULL} on the
 * chosen tables so updates carry unchanged large values; without it such an update stops the stream
 * with that advice), {@code server_id} (MariaDB, default derived from the connection name) and
 * {@code cdc_idle_stop_seconds}, and {@code cdc_heartbeat_seconds} (default 5, 0 for none): while
 * the chosen tables see no change, the reader looks at the source's position at that interval and
 * sends a checkpoint for every stream once the log moved far enough on (other tables, other
 * databases): PostgreSQL, a WAL segment (16 MiB), so that once committed the slot advances instead
 * of retaining WAL; MariaDB, to another binlog file, so that the committed position does not name a
 * purged one. PostgreSQL heartbeats write a small logical decoding message ({@code
 * pg_logical_emit_message}) into the source database's WAL.
 */
public final class CdcReaders {
  private static final int POSTGRES_PORT = 5432;
  private static final int MARIADB_PORT = 3306;

  private CdcReaders() {}

  /** A reader of PostgreSQL changes through logical replication ({@code pgoutput}). */
  public static SourceReader postgres(ConnectorConfig config, ReadRequest request) {
    requireCdc(config, request);
    return new PostgresCdc(CdcSettings.from(config, POSTGRES_PORT), request.connectionName())
        .open(request);
  }

  /**
   * When a read of these PostgreSQL CDC streams starts with the initial snapshot: the connection's
   * replication slot, created anew with an exported snapshot, for the connector to read the tables
   * in with {@code COPY} before it follows the slot with {@link #postgres}, from the streams'
   * {@link PostgresSnapshotExport#completeState}. Empty when the read resumes the change log.
   */
  public static Optional<PostgresSnapshotExport> postgresSnapshotExport(
      ConnectorConfig config, ReadRequest request) {
    requireCdc(config, request);
    return new PostgresCdc(CdcSettings.from(config, POSTGRES_PORT), request.connectionName())
        .exportSnapshot(request);
  }

  /** A reader of MariaDB changes from the row binlog. */
  public static SourceReader mariadb(ConnectorConfig config, ReadRequest request) {
    requireCdc(config, request);
    return new MariaDbCdc(CdcSettings.from(config, MARIADB_PORT), request.connectionName())
        .open(request);
  }

  /**
   * Whether a read of these CDC streams, from their states, takes the initial snapshot again from
   * the start: a state was committed while the snapshot was under way (a sync stopped or killed
   * during it). The read then sends every row of every stream again as {@code READ} records, from a
   * later point of the change log, then the changes after that point. What the earlier, unfinished
   * snapshot delivered is superseded: rows it delivered that the source deleted meanwhile are not
   * deleted by any change, so the tables must be replaced, not merged into.
   */
  public static boolean snapshotStartsOver(List<ConfiguredStream> streams) {
    return CdcState.snapshotStartsOver(streams);
  }

  /**
   * The connection's replication slot: {@code slot_name}, {@code publication}, {@code slot_exists},
   * and when it exists {@code slot_active}, {@code confirmed_flush_lsn} and {@code lag_bytes} (WAL
   * the slot still holds).
   */
  public static Map<String, Object> postgresStatus(ConnectorConfig config, String connectionName) {
    return new PostgresCdc(CdcSettings.from(config, POSTGRES_PORT), connectionName).status();
  }

  /** Drops the connection's replication slot and publication; nothing happens when absent. */
  public static void releasePostgres(ConnectorConfig config, String connectionName) {
    new PostgresCdc(CdcSettings.from(config, POSTGRES_PORT), connectionName).release();
  }

  /**
   * The server's binlog position: {@code server_id}, {@code binlog_file}, {@code binlog_position}.
   */
  public static Map<String, Object> mariadbStatus(ConnectorConfig config, String connectionName) {
    return new MariaDbCdc(CdcSettings.from(config, MARIADB_PORT), connectionName)
        .status(Optional.empty());
  }

  /**
   * The server's binlog position and how far a stream's committed state is behind it: adds {@code
   * committed_file}, {@code committed_position} and {@code lag_bytes}.
   */
  public static Map<String, Object> mariadbStatus(
      ConnectorConfig config, String connectionName, StreamState state) {
    return new MariaDbCdc(CdcSettings.from(config, MARIADB_PORT), connectionName)
        .status(Optional.of(state));
  }

  /**
   * Nothing stays at a MariaDB source (the binlog position lives in the stream states, which go
   * with the connection); checks only that the server answers.
   */
  public static void releaseMariadb(ConnectorConfig config, String connectionName) {
    new MariaDbCdc(CdcSettings.from(config, MARIADB_PORT), connectionName).release();
  }

  private static void requireCdc(ConnectorConfig config, ReadRequest request) {
    if (request.streams().isEmpty()) {
      throw new DpException(
          StandardErrorCode.INVALID_ARGUMENT,
          "Cannot start change data capture: no stream was chosen ("
              + request.connectionName()
              + ")");
    }
    for (ConfiguredStream stream : request.streams()) {
      if (stream.mode() != SyncMode.CDC) {
        throw new DpException(
            StandardErrorCode.INVALID_ARGUMENT,
            "Cannot start change data capture: the stream's mode is not cdc ("
                + stream.name()
                + ", "
                + stream.mode().configName()
                + ", "
                + config.type()
                + ")");
      }
    }
  }
}

package io.dataplatform.ingest.source.jdbc;

import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.ReadRequest;
import io.dataplatform.api.connector.SourceReader;
import io.dataplatform.ingest.cdc.CdcReaders;
import io.dataplatform.ingest.cdc.PostgresSnapshotExport;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where database connectors reach change data capture ({@code
 * io.dataplatform.ingest.cdc.CdcReaders}, whose methods have the same names and parameters: each
 * body is one delegating line). Readers receive only the request's {@code cdc} streams.
 */
public final class ChangeCaptureReaders {
  private ChangeCaptureReaders() {}

  /** A reader of PostgreSQL CDC streams (logical replication with pgoutput). */
  public static SourceReader postgres(ConnectorConfig config, ReadRequest request) {
    return CdcReaders.postgres(config, request);
  }

  /** The replication slot created with an exported snapshot, when the read starts with one. */
  public static Optional<PostgresSnapshotExport> postgresSnapshotExport(
      ConnectorConfig config, ReadRequest request) {
    return CdcReaders.postgresSnapshotExport(config, request);
  }

  /** A reader of MariaDB CDC streams (the binlog). */
  public static SourceReader mariadb(ConnectorConfig config, ReadRequest request) {
    return CdcReaders.mariadb(config, request);
  }

  /** The replication slot and its lag, for the user. */
  public static Map<String, Object> postgresStatus(ConnectorConfig config, String connectionName) {
    return CdcReaders.postgresStatus(config, connectionName);
  }

  /** Drops the replication slot and publication of a deleted connection. */
  public static void releasePostgres(ConnectorConfig config, String connectionName) {
    CdcReaders.releasePostgres(config, connectionName);
  }

  /** The binlog position the connection follows, for the user. */
  public static Map<String, Object> mariadbStatus(ConnectorConfig config, String connectionName) {
    return CdcReaders.mariadbStatus(config, connectionName);
  }

  /** Removes what a MariaDB CDC read keeps for a deleted connection. */
  public static void releaseMariadb(ConnectorConfig config, String connectionName) {
    CdcReaders.releaseMariadb(config, connectionName);
  }
}

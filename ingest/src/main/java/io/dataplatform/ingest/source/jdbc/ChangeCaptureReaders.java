package io.dataplatform.ingest.source.jdbc;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.ReadRequest;
import io.dataplatform.api.connector.SourceReader;
import java.util.Map;

/**
 * The one place where database connectors reach change data capture ({@code
 * io.dataplatform.ingest.cdc.CdcReaders}, whose methods have the same names and parameters: each
 * body here becomes one delegating line). Until that package is part of the build, CDC reads fail
 * with a clear message, and status and release report nothing, since no read has created anything
 * at the source. Readers receive only the request's {@code cdc} streams.
 */
public final class ChangeCaptureReaders {
  private ChangeCaptureReaders() {}

  /** A reader of PostgreSQL CDC streams (logical replication with pgoutput). */
  public static SourceReader postgres(ConnectorConfig config, ReadRequest request) {
    throw unavailable("postgres");
  }

  /** A reader of MariaDB CDC streams (the binlog). */
  public static SourceReader mariadb(ConnectorConfig config, ReadRequest request) {
    throw unavailable("mariadb");
  }

  /** The replication slot and its lag, for the user. */
  public static Map<String, Object> postgresStatus(ConnectorConfig config, String connectionName) {
    return Map.of();
  }

  /** Drops the replication slot and publication of a deleted connection. */
  public static void releasePostgres(ConnectorConfig config, String connectionName) {}

  /** The binlog position the connection follows, for the user. */
  public static Map<String, Object> mariadbStatus(ConnectorConfig config, String connectionName) {
    return Map.of();
  }

  /** Removes what a MariaDB CDC read keeps for a deleted connection. */
  public static void releaseMariadb(ConnectorConfig config, String connectionName) {}

  private static DpException unavailable(String type) {
    return new DpException(
        StandardErrorCode.NOT_SUPPORTED,
        "Cannot read "
            + type
            + " source with change data capture: CDC is not available in this build;"
            + " choose an incremental or full refresh mode");
  }
}

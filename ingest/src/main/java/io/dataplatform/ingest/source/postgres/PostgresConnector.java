package io.dataplatform.ingest.source.postgres;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.ConnectorSpec;
import io.dataplatform.api.connector.ReadRequest;
import io.dataplatform.api.connector.SourceReader;
import io.dataplatform.ingest.cdc.PostgresSnapshotExport;
import io.dataplatform.ingest.source.jdbc.BackgroundReader;
import io.dataplatform.ingest.source.jdbc.ChangeCaptureReaders;
import io.dataplatform.ingest.source.jdbc.JdbcDialect;
import io.dataplatform.ingest.source.jdbc.JdbcEndpoint;
import io.dataplatform.ingest.source.jdbc.JdbcSourceConnector;
import io.dataplatform.ingest.source.jdbc.JdbcTable;
import io.dataplatform.ingest.source.jdbc.TableRead;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * PostgreSQL (type {@code postgres}). Full refreshes go through {@code COPY … TO STDOUT} into
 * staged CSV files; incremental reads use a streaming {@code SELECT}; {@code cdc} streams (tables
 * with a primary key) are read by change data capture.
 */
public final class PostgresConnector extends JdbcSourceConnector {
  public static final String TYPE = "postgres";

  private static final Set<String> SSL_MODES =
      Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
  private static final PostgresDialect DIALECT = new PostgresDialect();

  private static final String SCHEMA =
      """
      {
        "type": "object",
        "required": ["host", "database", "user"],
        "properties": {
          "host": {"type": "string", "title": "Host"},
          "port": {"type": "integer", "title": "Port", "default": 5432},
          "database": {"type": "string", "title": "Database"},
          "user": {"type": "string", "title": "User"},
          "password": {"type": "string", "title": "Password", "secret": true},
          "schemas": {"type": "array", "items": {"type": "string"}, "title": "Schemas",
            "description": "Schemas to offer; default every schema but the system's"},
          "ssl_mode": {"type": "string", "title": "SSL mode", "default": "prefer",
            "enum": ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]},
          "slot_name": {"type": "string", "title": "Replication slot",
            "description": "For CDC; default derived from the connection name"},
          "publication": {"type": "string", "title": "Publication",
            "description": "For CDC; default derived from the connection name"},
          "cdc_heartbeat_seconds": {"type": "integer", "title": "CDC heartbeat (s)", "default": 5,
            "description": "For CDC: how often a sync writes a small logical decoding message, so that the slot of idle tables still advances past other databases' WAL; 0 for none (e.g. a read-only server)"},
          "cdc_snapshot": {"type": "string", "title": "CDC initial snapshot", "default": "copy",
            "enum": ["copy", "debezium"],
            "description": "For CDC: copy reads the tables with COPY under the replication slot's exported snapshot, as fast as a full refresh; debezium reads them row by row through the change reader"},
          "staged_file_mb": {"type": "integer", "title": "Staged file size (MB)", "default": 64,
            "description": "Full refreshes are exported with COPY into files of about this size"}
        }
      }
      """;

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ConnectorSpec spec() {
    return new ConnectorSpec(
        "PostgreSQL",
        SCHEMA,
        "Reads tables and views of a PostgreSQL database. Full refreshes use COPY; incremental"
            + " modes need a cursor column; CDC follows the write-ahead log of tables with a primary"
            + " key (wal_level=logical and a user with the REPLICATION attribute).");
  }

  @Override
  protected JdbcEndpoint endpoint(ConnectorConfig config) {
    String host = config.string("host");
    int port = config.integer("port", 5432);
    String database = config.string("database");
    Properties properties = new Properties();
    String sslMode = config.string("ssl_mode", "prefer");
    if (!SSL_MODES.contains(sslMode)) {
      throw new DpException(
          StandardErrorCode.INVALID_CONFIGURATION,
          "Cannot configure postgres source: ssl_mode must be one of "
              + String.join(", ", SSL_MODES.stream().sorted().toList())
              + " ("
              + sslMode
              + ")");
    }
    properties.setProperty("sslmode", sslMode);
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("ApplicationName", "dp ingest");
    properties.setProperty("socketFactory", ReadBufferedSocketFactory.class.getName());
    String address = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return new JdbcEndpoint(
        TYPE,
        "jdbc:postgresql://"
            + address
            + ":"
            + port
            + "/"
            + URLEncoder.encode(database, StandardCharsets.UTF_8),
        Optional.of(config.string("user")),
        config.optionalString("password"),
        properties,
        Optional.empty());
  }

  @Override
  protected List<String> namespaces(ConnectorConfig config) {
    return strings(config, "schemas");
  }

  @Override
  protected JdbcDialect dialect() {
    return DIALECT;
  }

  @Override
  protected JdbcTable.ChangeCaptureSupport changeCapture() {
    return JdbcTable.ChangeCaptureSupport.TABLES_WITH_PRIMARY_KEY;
  }

  @Override
  protected SourceReader changeCaptureReader(ConnectorConfig config, ReadRequest request) {
    String snapshot = config.string("cdc_snapshot", "copy");
    if (!snapshot.equals("copy") && !snapshot.equals("debezium")) {
      throw new DpException(
          StandardErrorCode.INVALID_CONFIGURATION,
          "Cannot configure postgres source: cdc_snapshot must be copy or debezium ("
              + snapshot
              + ")");
    }
    Optional<PostgresSnapshotExport> slot =
        snapshot.equals("copy")
            ? ChangeCaptureReaders.postgresSnapshotExport(config, request)
            : Optional.empty();
    if (slot.isEmpty()) {
      return ChangeCaptureReaders.postgres(config, request);
    }
    JdbcEndpoint endpoint = endpoint(config);
    CopySnapshotReader.Tables tables =
        new CopySnapshotReader.Tables(
            endpoint,
            discovery(config, endpoint),
            new PostgresCopyExport(DIALECT, config.integer("staged_file_mb", 64) * (1L << 20)));
    return new CopySnapshotReader(
        slot.get(), request, tables, following -> ChangeCaptureReaders.postgres(config, following));
  }

  @Override
  protected void readStream(
      ConnectorConfig config,
      Connection connection,
      JdbcTable table,
      ConfiguredStream stream,
      ReadRequest request,
      BackgroundReader.Output output)
      throws Exception {
    if (TableRead.isIncremental(stream.mode())) {
      super.readStream(config, connection, table, stream, request, output);
    } else {
      long chunkBytes = config.integer("staged_file_mb", 64) * (1L << 20);
      new PostgresCopyExport(DIALECT, chunkBytes)
          .run(connection, table, stream, request.workDirectory(), output);
    }
  }

  @Override
  public Map<String, Object> sourceStatus(ConnectorConfig config, String connectionName) {
    return ChangeCaptureReaders.postgresStatus(config, connectionName);
  }

  @Override
  public void release(ConnectorConfig config, String connectionName) {
    ChangeCaptureReaders.releasePostgres(config, connectionName);
  }
}

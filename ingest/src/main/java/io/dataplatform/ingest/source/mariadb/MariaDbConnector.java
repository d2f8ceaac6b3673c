package io.dataplatform.ingest.source.mariadb;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.ConnectorSpec;
import io.dataplatform.api.connector.ReadRequest;
import io.dataplatform.api.connector.SourceReader;
import io.dataplatform.ingest.source.jdbc.ChangeCaptureReaders;
import io.dataplatform.ingest.source.jdbc.JdbcDialect;
import io.dataplatform.ingest.source.jdbc.JdbcEndpoint;
import io.dataplatform.ingest.source.jdbc.JdbcSourceConnector;
import io.dataplatform.ingest.source.jdbc.JdbcTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * MariaDB (type {@code mariadb}) through the MariaDB JDBC driver: full refresh and incremental
 * reads with streaming result sets in one consistent transaction; {@code cdc} streams (tables with
 * a primary key) are read from the binlog by change data capture. Streams are named {@code
 * database.table}.
 */
public final class MariaDbConnector extends JdbcSourceConnector {
  public static final String TYPE = "mariadb";

  private static final Set<String> SSL_MODES =
      Set.of("disable", "trust", "verify-ca", "verify-full");
  private static final MariaDbDialect DIALECT = new MariaDbDialect();

  private static final String SCHEMA =
      """
      {
        "type": "object",
        "required": ["host", "database", "user"],
        "properties": {
          "host": {"type": "string", "title": "Host"},
          "port": {"type": "integer", "title": "Port", "default": 3306},
          "database": {"type": "string", "title": "Database"},
          "user": {"type": "string", "title": "User"},
          "password": {"type": "string", "title": "Password", "secret": true},
          "schemas": {"type": "array", "items": {"type": "string"}, "title": "Databases",
            "description": "Databases to offer; default the connection's database"},
          "ssl_mode": {"type": "string", "title": "SSL mode", "default": "disable",
            "enum": ["disable", "trust", "verify-ca", "verify-full"]},
          "server_id": {"type": "integer", "title": "Replica server id",
            "description": "For CDC: the id this connection uses as a binlog replica"},
          "cdc_heartbeat_seconds": {"type": "integer", "title": "CDC heartbeat (s)", "default": 5,
            "description": "For CDC: how often a sync checks the binlog position, so that idle tables' committed position follows the server to its next binlog file; 0 for none"}
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
        "MariaDB",
        SCHEMA,
        "Reads tables and views of MariaDB databases. Incremental modes need a cursor column; CDC"
            + " follows the binlog (binlog_format=ROW, a user with REPLICATION SLAVE and"
            + " REPLICATION CLIENT) for tables with a primary key.");
  }

  @Override
  protected JdbcEndpoint endpoint(ConnectorConfig config) {
    String host = config.string("host");
    int port = config.integer("port", 3306);
    String database = config.string("database");
    String sslMode = config.string("ssl_mode", "disable");
    if (!SSL_MODES.contains(sslMode)) {
      throw new DpException(
          StandardErrorCode.INVALID_CONFIGURATION,
          "Cannot configure mariadb source: ssl_mode must be one of "
              + String.join(", ", SSL_MODES.stream().sorted().toList())
              + " ("
              + sslMode
              + ")");
    }
    Properties properties = new Properties();
    properties.setProperty("sslMode", sslMode);
    properties.setProperty("connectTimeout", "10000");
    properties.setProperty("connectionTimeZone", "UTC");
    properties.setProperty("forceConnectionTimeZoneToSession", "true");
    properties.setProperty("permitMysqlScheme", "false");
    String address = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return new JdbcEndpoint(
        TYPE,
        "jdbc:mariadb://" + address + ":" + port + "/" + database,
        Optional.of(config.string("user")),
        config.optionalString("password"),
        properties,
        Optional.empty());
  }

  @Override
  protected List<String> namespaces(ConnectorConfig config) {
    List<String> databases = strings(config, "schemas");
    return databases.isEmpty() ? List.of(config.string("database")) : databases;
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
    return ChangeCaptureReaders.mariadb(config, request);
  }

  @Override
  public Map<String, Object> sourceStatus(ConnectorConfig config, String connectionName) {
    return ChangeCaptureReaders.mariadbStatus(config, connectionName);
  }

  @Override
  public void release(ConnectorConfig config, String connectionName) {
    ChangeCaptureReaders.releaseMariadb(config, connectionName);
  }
}

package io.dataplatform.ingest.cdc;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.ReadRequest;
import io.dataplatform.api.connector.StreamState;
import io.debezium.relational.history.SchemaHistory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Struct;

/**
 * MariaDB change data capture from the row binlog. The reader registers as a replica with a server
 * id from the configuration or derived from the connection's name; the schema history Debezium
 * needs to decode old row events travels in the stream state.
 */
final class MariaDbCdc implements CdcFlavor {
  private final CdcSettings settings;
  private final String connectionName;

  MariaDbCdc(CdcSettings settings, String connectionName) {
    this.settings = requireNonNull(settings, "settings");
    this.connectionName = requireNonNull(connectionName, "connectionName");
  }

  @Override
  public String type() {
    return settings.type();
  }

  long serverId() {
    return settings.serverId().orElse(CdcSettings.derivedServerId(connectionName));
  }

  @Override
  public String table(Struct source) {
    return source.getString("db") + "." + source.getString("table");
  }

  @Override
  public String position(Struct source, Map<String, ?> offset, boolean snapshot) {
    Object file = source.get("file");
    Object pos = source.get("pos");
    return (file == null ? "" : file.toString())
        + "/"
        + CdcFlavor.hex(pos instanceof Number number ? number.longValue() : 0L);
  }

  /**
   * A heartbeat is checkpointed once the server has moved on to another binary log file: the
   * committed position then no longer names a file that the server's log expiry may purge while the
   * chosen tables see no change (which would force a new snapshot).
   */
  @Override
  public boolean heartbeatWorthCheckpoint(Map<String, ?> checkpointed, Map<String, ?> heartbeat) {
    Object file = heartbeat.get("file");
    return file != null && !file.equals(checkpointed.get("file"));
  }

  String tableKey(String streamName) {
    return streamName.contains(".") ? streamName : settings.database() + "." + streamName;
  }

  DebeziumReader open(ReadRequest request) {
    Map<String, ConfiguredStream> byTable = new LinkedHashMap<>();
    for (ConfiguredStream stream : request.streams()) {
      byTable.put(tableKey(stream.name()), stream);
    }
    Optional<CdcState> resume = CdcState.resumePoint(request.streams(), type());
    Properties properties = DebeziumProperties.common(settings, connectionName, resume);
    properties.setProperty("connector.class", "io.debezium.connector.mariadb.MariaDbConnector");
    properties.setProperty("database.server.id", Long.toString(serverId()));
    properties.setProperty(
        "database.include.list",
        PostgresCdc.includeList(
            byTable.keySet().stream()
                .map(table -> table.substring(0, table.indexOf('.')))
                .distinct()
                .toList()));
    properties.setProperty("table.include.list", PostgresCdc.includeList(byTable.keySet()));
    properties.setProperty("include.schema.changes", "false");
    properties.setProperty("snapshot.mode", "initial");
    // BIGINT UNSIGNED as an exact number: the default, a long, wraps 18446744073709551615 to -1
    properties.setProperty("bigint.unsigned.handling.mode", "precise");
    settings.sslMode().ifPresent(mode -> properties.setProperty("database.ssl.mode", mode));
    String historyId = UUID.randomUUID().toString();
    properties.setProperty("schema.history.internal", StateSchemaHistory.class.getName());
    properties.setProperty(StateSchemaHistory.ID, historyId);
    properties.setProperty("schema.history.internal.store.only.captured.tables.ddl", "true");
    properties.setProperty(
        SchemaHistory.DDL_FILTER.name(),
        SchemaHistory.DDL_FILTER.defaultValueAsString() + unknownTypesFilter(byTable.keySet()));
    resume.ifPresent(
        state ->
            properties.setProperty(
                StateSchemaHistory.RECORDS, CdcState.write(state.schemaHistory())));
    return new DebeziumReader(
        this, request, byTable, properties, Optional.of(historyId), settings.idleStopSeconds());
  }

  /**
   * The change reader's grammar does not know MariaDB's {@code INET4} and {@code INET6} types, and
   * a statement it cannot parse stops it for good, even when the statement defines a table the
   * connection does not capture. Statements that use those types and name none of the captured
   * tables are skipped; the others still stop the reader, with the statement in the error. The
   * result is appended to Debezium's default filter list (comma-separated patterns, matched whole,
   * case-insensitive); nothing is added when a table name holds a comma.
   */
  static String unknownTypesFilter(Collection<String> capturedTables) {
    List<String> names = new ArrayList<>();
    for (String table : capturedTables) {
      String name = table.substring(table.indexOf('.') + 1);
      if (name.contains(",")) {
        return "";
      }
      names.add(Pattern.quote(name));
    }
    // a name counts where no letter, digit or underscore touches it
    return ",(?!.*(?<!\\w)(?:" + String.join("|", names) + ")(?!\\w)).*\\binet[46]\\b.*";
  }

  /** The server's binlog position, and how far a stream's state is behind it when given. */
  Map<String, Object> status(Optional<StreamState> state) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("server_id", serverId());
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      String file;
      long position;
      try (ResultSet result = statement.executeQuery("SHOW MASTER STATUS")) {
        if (!result.next()) {
          throw new DpException(
              StandardErrorCode.INVALID_CONFIGURATION,
              "Cannot follow the binlog: the server has binary logging off; set log_bin and"
                  + " binlog_format=ROW ("
                  + settings.host()
                  + ":"
                  + settings.port()
                  + ")");
        }
        file = result.getString(1);
        position = result.getLong(2);
      }
      status.put("binlog_file", file);
      status.put("binlog_position", position);
      Optional<CdcState> stored = state.flatMap(value -> CdcState.of(value, connectionName));
      if (stored.isPresent()) {
        Object storedFile = stored.get().offset().get("file");
        Object storedPosition = stored.get().offset().get("pos");
        status.put("committed_file", storedFile);
        status.put("committed_position", storedPosition);
        if (storedFile != null && storedPosition instanceof Number number) {
          status.put(
              "lag_bytes",
              lag(statement, storedFile.toString(), number.longValue(), file, position));
        }
      }
    } catch (SQLException e) {
      throw failure("read the binlog position", e);
    }
    return status;
  }

  /** Bytes of binlog between two positions, from the sizes of the files in between. */
  private static long lag(
      Statement statement, String fromFile, long fromPosition, String toFile, long toPosition)
      throws SQLException {
    if (fromFile.equals(toFile)) {
      return Math.max(0, toPosition - fromPosition);
    }
    long bytes = 0;
    try (ResultSet logs = statement.executeQuery("SHOW BINARY LOGS")) {
      while (logs.next()) {
        String name = logs.getString(1);
        long size = logs.getLong(2);
        if (name.equals(fromFile)) {
          bytes += Math.max(0, size - fromPosition);
        } else if (name.compareTo(fromFile) > 0 && name.compareTo(toFile) < 0) {
          bytes += size;
        }
      }
    }
    return bytes + toPosition;
  }

  /** Checks the server can be reached; the binlog position lives only in the stream states. */
  void release() {
    try (Connection connection = connect()) {
      connection.isValid(5);
    } catch (SQLException e) {
      throw failure("reach the server to release the connection", e);
    }
  }

  List<String> describe() {
    return List.of(settings.host(), Integer.toString(settings.port()), settings.database());
  }

  private Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", settings.user());
    properties.setProperty("password", settings.password());
    return DriverManager.getConnection(
        "jdbc:mariadb://" + settings.host() + ":" + settings.port() + "/" + settings.database(),
        properties);
  }

  private DpException failure(String action, SQLException e) {
    return new DpException(
        StandardErrorCode.EXTERNAL_FAILURE,
        "Cannot " + action + ": " + e.getMessage() + " (" + String.join(", ", describe()) + ")",
        e);
  }
}

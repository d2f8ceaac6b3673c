package io.dataplatform.ingest.cdc;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.ReadRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Struct;

/**
 * PostgreSQL change data capture with logical replication ({@code pgoutput}). The platform owns the
 * publication (exactly the chosen tables) and the replication slot, both named from the connection
 * unless the user names them.
 */
final class PostgresCdc implements CdcFlavor {
  /** The prefix of the logical decoding messages heartbeats write. */
  static final String HEARTBEAT_PREFIX = "dp_heartbeat";

  /**
   * How far a heartbeat must move the offset to be checkpointed: one WAL segment, the unit in which
   * the server recycles the log a slot no longer holds.
   */
  static final long HEARTBEAT_WAL_BYTES = 16L * 1024 * 1024;

  private final CdcSettings settings;
  private final String connectionName;

  PostgresCdc(CdcSettings settings, String connectionName) {
    this.settings = requireNonNull(settings, "settings");
    this.connectionName = requireNonNull(connectionName, "connectionName");
  }

  @Override
  public String type() {
    return settings.type();
  }

  String slotName() {
    return settings.slotName().orElse(CdcSettings.identifier("dp_", connectionName));
  }

  String publicationName() {
    return settings.publication().orElse(CdcSettings.identifier("dp_", connectionName) + "_pub");
  }

  @Override
  public String table(Struct source) {
    return source.getString("schema") + "." + source.getString("table");
  }

  @Override
  public String position(Struct source, Map<String, ?> offset, boolean snapshot) {
    long lsn = number(offset.get("lsn"));
    long commit = snapshot ? 0 : number(offset.get("lsn_commit"));
    return CdcFlavor.hex(commit, lsn);
  }

  @Override
  public boolean heartbeatWorthCheckpoint(Map<String, ?> checkpointed, Map<String, ?> heartbeat) {
    return number(heartbeat.get("lsn")) - number(checkpointed.get("lsn")) >= HEARTBEAT_WAL_BYTES;
  }

  private static long number(Object value) {
    return value instanceof Number number ? number.longValue() : 0L;
  }

  static String tableKey(String streamName) {
    return streamName.contains(".") ? streamName : "public." + streamName;
  }

  private static Map<String, ConfiguredStream> byTable(ReadRequest request) {
    Map<String, ConfiguredStream> byTable = new LinkedHashMap<>();
    for (ConfiguredStream stream : request.streams()) {
      byTable.put(tableKey(stream.name()), stream);
    }
    return byTable;
  }

  /**
   * When the streams' read starts with the initial snapshot (no state yet, or one recorded during a
   * snapshot that did not complete): prepares the publication, drops the connection's slot if it is
   * left from that snapshot, and creates it again with an exported snapshot, for the connector to
   * read the tables in. Empty when the read resumes the change log.
   *
   * @throws DpException when the slot is in use by another reader, or cannot be created
   */
  Optional<PostgresSnapshotExport> exportSnapshot(ReadRequest request) {
    if (!CdcState.snapshotDue(request.streams(), type())) {
      return Optional.empty();
    }
    preparePublication(new ArrayList<>(byTable(request).keySet()));
    dropSlot();
    Connection replication;
    try {
      replication = replicationConnect();
    } catch (SQLException e) {
      throw failure("open a replication connection to create the slot " + slotName(), e);
    }
    long started = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
    try (Statement statement = replication.createStatement();
        ResultSet result =
            statement.executeQuery(
                "CREATE_REPLICATION_SLOT "
                    + quote(slotName())
                    + " LOGICAL pgoutput EXPORT_SNAPSHOT")) {
      if (!result.next()) {
        throw new SQLException("the server answered without the slot's consistent point");
      }
      return Optional.of(
          new PostgresSnapshotExport(
              replication,
              result.getString("snapshot_name"),
              PostgresSnapshotExport.lsn(result.getString("consistent_point")),
              Map.of("server", CdcSettings.identifier("dp_", connectionName)),
              started));
    } catch (SQLException | RuntimeException e) {
      try {
        replication.close();
      } catch (SQLException ignored) {
        // the failure below says what went wrong
      }
      throw e instanceof SQLException sql
          ? failure("create the replication slot " + slotName(), sql)
          : (RuntimeException) e;
    }
  }

  DebeziumReader open(ReadRequest request) {
    Map<String, ConfiguredStream> byTable = byTable(request);
    preparePublication(new ArrayList<>(byTable.keySet()));
    Optional<CdcState> resume = CdcState.resumePoint(request.streams(), type());
    Properties properties = DebeziumProperties.common(settings, connectionName, resume);
    properties.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
    properties.setProperty("plugin.name", "pgoutput");
    properties.setProperty("database.dbname", settings.database());
    properties.setProperty("slot.name", slotName());
    properties.setProperty("publication.name", publicationName());
    properties.setProperty("publication.autocreate.mode", "disabled");
    properties.setProperty("snapshot.mode", "initial");
    // years to seconds as given (ISO 8601), written as PostgreSQL's text output like a full refresh
    properties.setProperty("interval.handling.mode", "string");
    // otherwise columns of types Debezium does not map (name, …) are left out of its rows, and an
    // update would store them as NULL
    properties.setProperty("include.unknown.datatypes", "true");
    // the types a full refresh reads as text, as the same text (arrays, timetz, money, bit, …)
    properties.setProperty("converters", "pgtext");
    properties.setProperty("pgtext.type", PostgresTextConverter.class.getName());
    settings.sslMode().ifPresent(mode -> properties.setProperty("database.sslmode", mode));
    properties.setProperty("table.include.list", includeList(byTable.keySet()));
    if (settings.heartbeatSeconds() > 0) {
      // Logical decoding sends nothing for WAL of other databases or unchosen tables, so an idle
      // slot's offset would never move: each heartbeat writes a small non-transactional message
      // into this database's WAL, which the slot decodes and the next heartbeat's offset covers.
      properties.setProperty(
          "heartbeat.action.query",
          "SELECT pg_logical_emit_message(false, '" + HEARTBEAT_PREFIX + "', '')");
      properties.setProperty("message.prefix.exclude.list", HEARTBEAT_PREFIX);
    }
    return new DebeziumReader(
        this, request, byTable, properties, Optional.empty(), settings.idleStopSeconds());
  }

  static String includeList(Iterable<String> tables) {
    List<String> patterns = new ArrayList<>();
    for (String table : tables) {
      patterns.add(Pattern.quote(table));
    }
    return String.join(",", patterns);
  }

  /** Creates the publication, or sets its tables to exactly the chosen ones. */
  private void preparePublication(List<String> tables) {
    List<String> quoted = new ArrayList<>();
    for (String table : tables) {
      int dot = table.indexOf('.');
      quoted.add(quote(table.substring(0, dot)) + "." + quote(table.substring(dot + 1)));
    }
    String publication = publicationName();
    try (Connection connection = connect();
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
      exists.setString(1, publication);
      boolean present;
      try (ResultSet result = exists.executeQuery()) {
        present = result.next();
      }
      try (Statement statement = connection.createStatement()) {
        if (settings.replicaIdentityFull()) {
          for (String table : quoted) {
            statement.execute("ALTER TABLE " + table + " REPLICA IDENTITY FULL");
          }
        }
        statement.execute(
            (present ? "ALTER PUBLICATION " : "CREATE PUBLICATION ")
                + quote(publication)
                + (present ? " SET TABLE " : " FOR TABLE ")
                + String.join(", ", quoted));
      }
    } catch (SQLException e) {
      throw failure("prepare the publication " + publication + " for " + tables, e);
    }
  }

  Map<String, Object> status() {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("slot_name", slotName());
    status.put("publication", publicationName());
    String sql =
        "SELECT active, confirmed_flush_lsn::text,"
            + " pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint"
            + " FROM pg_replication_slots WHERE slot_name = ?";
    try (Connection connection = connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, slotName());
      try (ResultSet result = statement.executeQuery()) {
        status.put("slot_exists", result.next());
        if (Boolean.TRUE.equals(status.get("slot_exists"))) {
          status.put("slot_active", result.getBoolean(1));
          status.put("confirmed_flush_lsn", result.getString(2));
          long lag = result.getLong(3);
          status.put("lag_bytes", result.wasNull() ? 0L : lag);
        }
      }
    } catch (SQLException e) {
      throw failure("read the replication slot " + slotName(), e);
    }
    return status;
  }

  void release() {
    try (Connection connection = connect()) {
      dropSlot(connection);
      try (Statement statement = connection.createStatement()) {
        statement.execute("DROP PUBLICATION IF EXISTS " + quote(publicationName()));
      }
    } catch (SQLException e) {
      throw failure("drop the replication slot " + slotName(), e);
    }
  }

  /**
   * Drops the connection's replication slot when it exists.
   *
   * @throws DpException when a reader is using it
   */
  private void dropSlot() {
    try (Connection connection = connect()) {
      dropSlot(connection);
    } catch (SQLException e) {
      throw failure("drop the replication slot " + slotName(), e);
    }
  }

  private void dropSlot(Connection connection) throws SQLException {
    try (PreparedStatement active =
        connection.prepareStatement(
            "SELECT active_pid FROM pg_replication_slots WHERE slot_name = ? AND active")) {
      active.setString(1, slotName());
      try (ResultSet result = active.executeQuery()) {
        if (result.next()) {
          throw new DpException(
              StandardErrorCode.CONFLICT,
              "Cannot drop the replication slot: it is in use; stop the connection's syncs"
                  + " first ("
                  + slotName()
                  + ", process "
                  + result.getInt(1)
                  + ")");
        }
      }
    }
    try (PreparedStatement drop =
        connection.prepareStatement(
            "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                + " WHERE slot_name = ?")) {
      drop.setString(1, slotName());
      drop.execute();
    }
  }

  /** A connection in logical replication mode, which takes replication commands as queries. */
  private Connection replicationConnect() throws SQLException {
    Properties properties = connectionProperties();
    properties.setProperty("replication", "database");
    properties.setProperty("assumeMinServerVersion", "10");
    properties.setProperty("preferQueryMode", "simple");
    return DriverManager.getConnection(url(), properties);
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), connectionProperties());
  }

  private String url() {
    return "jdbc:postgresql://"
        + settings.host()
        + ":"
        + settings.port()
        + "/"
        + settings.database();
  }

  private Properties connectionProperties() {
    Properties properties = new Properties();
    properties.setProperty("user", settings.user());
    properties.setProperty("password", settings.password());
    settings.sslMode().ifPresent(mode -> properties.setProperty("sslmode", mode));
    return properties;
  }

  private DpException failure(String action, SQLException e) {
    return new DpException(
        StandardErrorCode.EXTERNAL_FAILURE,
        "Cannot "
            + action
            + ": "
            + e.getMessage()
            + " ("
            + settings.host()
            + ":"
            + settings.port()
            + "/"
            + settings.database()
            + ")",
        e);
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}

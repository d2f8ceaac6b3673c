package io.dataplatform.ingest.cdc;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.ConnectorConfig;
import java.util.Locale;
import java.util.Optional;

/**
 * The source settings change data capture needs, read once from a connection's configuration (the
 * keys all database sources share, plus {@code slot_name}, {@code publication} and {@code
 * server_id}).
 *
 * @param slotName PostgreSQL replication slot, when the user chose one
 * @param publication PostgreSQL publication, when the user chose one
 * @param serverId MariaDB replica server id, when the user chose one
 * @param replicaIdentityFull PostgreSQL: set {@code REPLICA IDENTITY FULL} on the chosen tables, so
 *     updates carry unchanged large (TOASTed) values and deletes carry the whole row
 * @param idleStopSeconds when positive, the reader ends its streams after this many seconds without
 *     a change (a sync that catches up and stops); otherwise it follows the source until closed
 * @param heartbeatSeconds when positive (default 5), how often the reader checks its position while
 *     the chosen tables see no change, and checkpoints it once the source can release log for it,
 *     so the committed offset (and PostgreSQL's slot) keeps up with the source's log; 0 turns
 *     heartbeats off
 */
record CdcSettings(
    String type,
    String host,
    int port,
    String database,
    String user,
    String password,
    Optional<String> sslMode,
    Optional<String> slotName,
    Optional<String> publication,
    Optional<Long> serverId,
    boolean replicaIdentityFull,
    int idleStopSeconds,
    int heartbeatSeconds) {
  CdcSettings {
    requireNonNull(type, "type");
    requireNonNull(host, "host");
    requireNonNull(database, "database");
    requireNonNull(user, "user");
    requireNonNull(password, "password");
    requireNonNull(sslMode, "sslMode");
    requireNonNull(slotName, "slotName");
    requireNonNull(publication, "publication");
    requireNonNull(serverId, "serverId");
  }

  /** Below the sync engine's idle stop, so a sync of idle tables sees heartbeats before it ends. */
  static final int DEFAULT_HEARTBEAT_SECONDS = 5;

  static CdcSettings from(ConnectorConfig config, int defaultPort) {
    Optional<Long> serverId =
        config.optionalString("server_id").map(text -> serverId(config, text));
    return new CdcSettings(
        config.type(),
        config.string("host"),
        config.integer("port", defaultPort),
        config.string("database"),
        config.string("user"),
        config.string("password", ""),
        config.optionalString("ssl_mode"),
        config.optionalString("slot_name"),
        config.optionalString("publication"),
        serverId,
        config.flag("replica_identity_full", false),
        config.integer("cdc_idle_stop_seconds", 0),
        config.integer("cdc_heartbeat_seconds", DEFAULT_HEARTBEAT_SECONDS));
  }

  private static long serverId(ConnectorConfig config, String text) {
    try {
      long id = Long.parseLong(text.trim());
      if (id >= 1 && id <= 4_294_967_295L) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new DpException(
        StandardErrorCode.INVALID_CONFIGURATION,
        "Cannot configure "
            + config.type()
            + " source: server_id must be an integer from 1 to 4294967295 ("
            + text
            + ")");
  }

  /**
   * A lower-case identifier made of letters, digits and underscores, at most 63 characters: what
   * PostgreSQL accepts for slot names and what Debezium accepts as a topic prefix.
   */
  static String identifier(String prefix, String connectionName) {
    String cleaned =
        connectionName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_").replaceAll("_+", "_");
    String name = prefix + cleaned;
    if (name.length() > 63) {
      String hash = Integer.toHexString(connectionName.hashCode());
      name = name.substring(0, 63 - hash.length() - 1) + "_" + hash;
    }
    return name;
  }

  /** The replica id a connection's binlog client uses when the user chose none. */
  static long derivedServerId(String connectionName) {
    // away from the small ids servers and hand-configured replicas usually take
    return 100_000L + Math.floorMod(connectionName.hashCode(), 1_000_000_000);
  }

  @Override
  public String toString() {
    return "CdcSettings[" + type + ", " + host + ":" + port + "/" + database + ", " + user + "]";
  }
}

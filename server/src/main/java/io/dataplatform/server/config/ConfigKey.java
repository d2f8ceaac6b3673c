package io.dataplatform.server.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every configuration key the server knows: its name in {@code dp.yml}, its environment variable,
 * its default and what it means. Keys are kebab-case and dot-namespaced.
 */
public enum ConfigKey {
  DATA_DIR("data-dir", "DP_HOME", "./dp-data", "Data directory: metastore, warehouse, lock file"),
  BIND_HOST("bind-host", "DP_BIND_HOST", "127.0.0.1", "Address every listener binds to"),
  HTTP_PORT("http.port", "DP_HTTP_PORT", "8080", "Port of the web UI, REST API, Iceberg REST"),
  FLIGHT_PORT("flight.port", "DP_FLIGHT_PORT", "32010", "Port of the Arrow Flight SQL endpoint"),
  METASTORE_URL(
      "metastore.url", "DP_METASTORE_URL", "", "JDBC URL of PostgreSQL; empty means embedded H2"),
  METASTORE_USER("metastore.user", "DP_METASTORE_USER", "", "Metastore database user"),
  METASTORE_PASSWORD(
      "metastore.password", "DP_METASTORE_PASSWORD", "", "Metastore database password (secret)"),
  ADMIN_PASSWORD(
      "admin.password",
      "DP_ADMIN_PASSWORD",
      "",
      "Password of user admin at first start; empty means generate one (secret)"),
  SESSION_HOURS("auth.session-hours", "DP_SESSION_HOURS", "12", "Lifetime of a login token");

  private final String key;
  private final String environmentVariable;
  private final String defaultValue;
  private final String description;

  ConfigKey(String key, String environmentVariable, String defaultValue, String description) {
    this.key = key;
    this.environmentVariable = environmentVariable;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String key() {
    return key;
  }

  public String environmentVariable() {
    return environmentVariable;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  public boolean isSecret() {
    return this == METASTORE_PASSWORD || this == ADMIN_PASSWORD;
  }

  public static Optional<ConfigKey> byKey(String key) {
    return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
  }
}

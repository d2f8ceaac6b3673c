package io.dataplatform.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.metastore.MetastoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link ServerConfig}: defaults, overridden by {@code dp.yml}, overridden by {@code
 * DP_*} environment variables, overridden by command-line flags. Unknown keys and bad values are
 * refused with a message that names the key.
 */
public final class ConfigLoader {
  private final Map<String, String> environment;

  public ConfigLoader(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /**
   * @param configFile the YAML file to read; when empty, {@code ./dp.yml} is read if it exists
   * @param flags values given on the command line
   */
  public ServerConfig load(Optional<Path> configFile, Map<ConfigKey, String> flags) {
    Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
    for (ConfigKey key : ConfigKey.values()) {
      values.put(key, key.defaultValue());
    }
    Path file = configFile.orElse(Path.of("dp.yml"));
    if (configFile.isPresent() || Files.isRegularFile(file)) {
      values.putAll(readYaml(file));
    }
    for (ConfigKey key : ConfigKey.values()) {
      String value = environment.get(key.environmentVariable());
      if (value != null && !value.isEmpty()) {
        values.put(key, value);
      }
    }
    values.putAll(flags);
    return build(values);
  }

  private static Map<ConfigKey, String> readYaml(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw invalid("Cannot read configuration file: " + e.getMessage() + " (" + file + ")");
    }
    Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
    if (root != null && !root.isMissingNode() && !root.isNull()) {
      if (!root.isObject()) {
        throw invalid("Cannot read configuration file: expected a mapping of keys (" + file + ")");
      }
      flatten("", root, values, file);
    }
    return values;
  }

  private static void flatten(
      String prefix, JsonNode node, Map<ConfigKey, String> values, Path file) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = prefix + field.getKey();
      JsonNode value = field.getValue();
      if (value.isObject()) {
        flatten(name + ".", value, values, file);
        continue;
      }
      ConfigKey key =
          ConfigKey.byKey(name)
              .orElseThrow(
                  () ->
                      invalid(
                          "Cannot read configuration file: unknown key "
                              + name
                              + "; known keys are "
                              + knownKeys()
                              + " ("
                              + file
                              + ")"));
      values.put(key, value.isNull() ? "" : value.asText());
    }
  }

  private static String knownKeys() {
    StringBuilder keys = new StringBuilder();
    for (ConfigKey key : ConfigKey.values()) {
      keys.append(keys.length() == 0 ? "" : ", ").append(key.key());
    }
    return keys.toString();
  }

  private static ServerConfig build(Map<ConfigKey, String> values) {
    Path data = Path.of(values.get(ConfigKey.DATA_DIR)).toAbsolutePath().normalize();
    String url = values.get(ConfigKey.METASTORE_URL);
    MetastoreConfig metastore =
        url.isEmpty()
            ? MetastoreConfig.embedded(data)
            : new MetastoreConfig(
                url,
                values.get(ConfigKey.METASTORE_USER),
                values.get(ConfigKey.METASTORE_PASSWORD));
    String admin = values.get(ConfigKey.ADMIN_PASSWORD);
    return new ServerConfig(
        data,
        values.get(ConfigKey.BIND_HOST),
        port(ConfigKey.HTTP_PORT, values),
        port(ConfigKey.FLIGHT_PORT, values),
        metastore,
        admin.isEmpty() ? Optional.empty() : Optional.of(admin),
        Duration.ofHours(positive(ConfigKey.SESSION_HOURS, values)));
  }

  private static int port(ConfigKey key, Map<ConfigKey, String> values) {
    int port = positive(key, values);
    if (port > 65535) {
      throw invalid("Cannot use " + key.key() + ": a port is at most 65535 (" + port + ")");
    }
    return port;
  }

  private static int positive(ConfigKey key, Map<ConfigKey, String> values) {
    String text = values.get(key);
    try {
      int value = Integer.parseInt(text.trim());
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw invalid(
          "Cannot use " + key.key() + ": expected a non-negative whole number (" + text + ")");
    }
  }

  private static DpException invalid(String message) {
    return new DpException(StandardErrorCode.INVALID_CONFIGURATION, message);
  }
}

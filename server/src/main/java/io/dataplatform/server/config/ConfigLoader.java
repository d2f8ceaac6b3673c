package io.dataplatform.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.metastore.MetastoreConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
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
        Duration.ofHours(positive(ConfigKey.SESSION_HOURS, values)),
        storage(values),
        warehouse(values),
        IngestSettings.parse(values),
        orchestrator(values),
        new TransformSettings(
            Path.of(values.get(ConfigKey.TRANSFORM_PROJECTS_DIR).trim())
                .toAbsolutePath()
                .normalize()));
  }

  private static OrchestratorSettings orchestrator(Map<ConfigKey, String> values) {
    int runs = positive(ConfigKey.MAX_CONCURRENT_RUNS, values);
    if (runs < 1) {
      throw invalid(
          "Cannot use "
              + ConfigKey.MAX_CONCURRENT_RUNS.key()
              + ": expected at least 1 ("
              + runs
              + ")");
    }
    return new OrchestratorSettings(
        Path.of(values.get(ConfigKey.PIPELINES_DIR).trim()).toAbsolutePath().normalize(), runs);
  }

  private static StorageSettings storage(Map<ConfigKey, String> values) {
    Optional<String> accessKey = optional(values, ConfigKey.S3_ACCESS_KEY);
    Optional<String> secretKey = optional(values, ConfigKey.S3_SECRET_KEY);
    if (accessKey.isPresent() != secretKey.isPresent()) {
      throw invalid(
          "Cannot use the root S3 credentials: set both "
              + ConfigKey.S3_ACCESS_KEY.environmentVariable()
              + " and "
              + ConfigKey.S3_SECRET_KEY.environmentVariable()
              + ", or neither");
    }
    String virtualHost = values.get(ConfigKey.S3_VIRTUAL_HOST).trim();
    if (virtualHost.isEmpty() || virtualHost.contains("/")) {
      throw invalid(
          "Cannot use "
              + ConfigKey.S3_VIRTUAL_HOST.key()
              + ": expected a host name ("
              + virtualHost
              + ")");
    }
    return new StorageSettings(
        port(ConfigKey.S3_PORT, values),
        virtualHost,
        accessKey,
        secretKey,
        optional(values, ConfigKey.MASTER_KEY));
  }

  private static WarehouseSettings warehouse(Map<ConfigKey, String> values) {
    String location = values.get(ConfigKey.WAREHOUSE).trim();
    if (!location.startsWith("s3://") && !Path.of(location).isAbsolute()) {
      throw invalid(
          "Cannot use "
              + ConfigKey.WAREHOUSE.key()
              + ": expected s3://bucket[/prefix] or an absolute directory ("
              + location
              + ")");
    }
    Optional<URI> endpoint =
        optional(values, ConfigKey.WAREHOUSE_S3_ENDPOINT).map(ConfigLoader::uri);
    String accessKey = values.get(ConfigKey.WAREHOUSE_S3_ACCESS_KEY).trim();
    String secretKey = values.get(ConfigKey.WAREHOUSE_S3_SECRET_KEY).trim();
    if (endpoint.isPresent() && (accessKey.isEmpty() || secretKey.isEmpty())) {
      throw invalid(
          "Cannot use the external warehouse store: set "
              + ConfigKey.WAREHOUSE_S3_ACCESS_KEY.key()
              + " and "
              + ConfigKey.WAREHOUSE_S3_SECRET_KEY.key()
              + " ("
              + endpoint.get()
              + ")");
    }
    if (endpoint.isPresent() && !location.startsWith("s3://")) {
      throw invalid(
          "Cannot use "
              + ConfigKey.WAREHOUSE_S3_ENDPOINT.key()
              + ": the warehouse is a local directory ("
              + location
              + ")");
    }
    String pathStyle = values.get(ConfigKey.WAREHOUSE_S3_PATH_STYLE).trim();
    if (!pathStyle.equals("true") && !pathStyle.equals("false")) {
      throw invalid(
          "Cannot use "
              + ConfigKey.WAREHOUSE_S3_PATH_STYLE.key()
              + ": expected true or false ("
              + pathStyle
              + ")");
    }
    return new WarehouseSettings(
        location,
        endpoint,
        accessKey,
        secretKey,
        values.get(ConfigKey.WAREHOUSE_S3_REGION).trim(),
        Boolean.parseBoolean(pathStyle),
        bytes(ConfigKey.CACHE_SIZE, values));
  }

  private static Optional<String> optional(Map<ConfigKey, String> values, ConfigKey key) {
    String value = values.get(key).trim();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  private static URI uri(String text) {
    try {
      URI uri = new URI(text);
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getHost() == null) {
        throw new URISyntaxException(text, "expected http(s)://host[:port]");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw invalid(
          "Cannot use "
              + ConfigKey.WAREHOUSE_S3_ENDPOINT.key()
              + ": expected http(s)://host[:port] ("
              + text
              + ")");
    }
  }

  private static long bytes(ConfigKey key, Map<ConfigKey, String> values) {
    String text = values.get(key).trim();
    java.util.regex.Matcher matcher =
        java.util.regex.Pattern.compile("(?i)([0-9]+)\\s*([KMGT]?)i?B?").matcher(text);
    if (!matcher.matches()) {
      throw invalid(
          "Cannot use " + key.key() + ": expected a size such as 512MB or 4GB (" + text + ")");
    }
    long value = Long.parseLong(matcher.group(1));
    int shift =
        switch (matcher.group(2).toUpperCase(java.util.Locale.ROOT)) {
          case "K" -> 10;
          case "M" -> 20;
          case "G" -> 30;
          case "T" -> 40;
          default -> 0;
        };
    return value << shift;
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

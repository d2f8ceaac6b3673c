package io.dataplatform.ingest.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.SyncMode;
import io.dataplatform.lakehouse.load.DeleteMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes connection files (YAML, or the same structure as JSON):
 *
 * <pre>
 * name: shop
 * source: {type: postgres, host: 127.0.0.1, password: ${SHOP_PASSWORD}}
 * destination: {namespace: raw, deletes: hard}
 * streams:
 *   - {name: public.customers, mode: incremental_dedup, cursor: updated_at, primary_key: [id]}
 * schedule: "*&#47;15 * * * *"
 * </pre>
 *
 * {@code ${NAME}} in a string value is replaced by the environment variable {@code NAME}.
 */
public final class ConnectionFiles {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final Set<String> KEYS =
      Set.of("name", "source", "destination", "streams", "schedule");
  private static final Set<String> STREAM_KEYS =
      Set.of("name", "mode", "cursor", "primary_key", "table");
  private static final Set<String> DESTINATION_KEYS = Set.of("namespace", "deletes");

  private ConnectionFiles() {}

  /**
   * Parses a connection file, resolving {@code ${NAME}} references with {@code environment}.
   *
   * @throws DpException with what is wrong and where
   */
  public static ConnectionDefinition parse(
      String text, Function<String, Optional<String>> environment) {
    Map<String, Object> tree;
    try {
      tree = YAML.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw invalid("it is not valid YAML: " + e.getOriginalMessage());
    }
    if (tree == null) {
      throw invalid("it is empty");
    }
    return fromTree(resolve(tree, environment, ""));
  }

  /** A connection from its stored JSON, where nothing is resolved any more. */
  static ConnectionDefinition fromJson(String json) {
    try {
      return fromTree(JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {}));
    } catch (JsonProcessingException e) {
      throw new DpException(
          StandardErrorCode.INTERNAL_ERROR, "Cannot read stored connection: " + e.getMessage(), e);
    }
  }

  static String toJson(Map<String, Object> tree) {
    try {
      return JSON.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new DpException(
          StandardErrorCode.INTERNAL_ERROR, "Cannot write connection: " + e.getMessage(), e);
    }
  }

  /** The connection as a tree of maps and lists, in the file's layout. */
  public static Map<String, Object> toTree(ConnectionDefinition connection) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("name", connection.name());
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("type", connection.sourceType());
    source.putAll(connection.source());
    tree.put("source", source);
    Map<String, Object> destination = new LinkedHashMap<>();
    destination.put("namespace", connection.namespace());
    destination.put("deletes", connection.deletes().name().toLowerCase(Locale.ROOT));
    tree.put("destination", destination);
    List<Map<String, Object>> streams = new ArrayList<>();
    for (StreamDefinition stream : connection.streams()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", stream.name());
      entry.put("mode", stream.mode().configName());
      stream.cursor().ifPresent(cursor -> entry.put("cursor", cursor));
      if (!stream.primaryKey().isEmpty()) {
        entry.put("primary_key", stream.primaryKey());
      }
      stream.table().ifPresent(table -> entry.put("table", table));
      streams.add(entry);
    }
    tree.put("streams", streams);
    connection.schedule().ifPresent(schedule -> tree.put("schedule", schedule));
    return tree;
  }

  /** The connection as YAML text. */
  public static String toYaml(Map<String, Object> tree) {
    try {
      return YAML.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new DpException(
          StandardErrorCode.INTERNAL_ERROR, "Cannot write connection: " + e.getMessage(), e);
    }
  }

  /** A connection from a tree already resolved (a JSON request body). */
  public static ConnectionDefinition fromTree(Map<String, Object> tree) {
    checkKeys(tree, KEYS, "");
    String name = text(tree, "name", "name").orElseThrow(() -> invalid("'name' is required"));
    Map<String, Object> source = new LinkedHashMap<>(map(tree.get("source"), "source"));
    Object type = source.remove("type");
    if (!(type instanceof String sourceType) || sourceType.isBlank()) {
      throw invalid("'source.type' is required (the connector type, such as postgres)");
    }
    Map<String, Object> destination = map(tree.get("destination"), "destination");
    checkKeys(destination, DESTINATION_KEYS, "destination.");
    String namespace = text(destination, "namespace", "destination.namespace").orElse("raw");
    String deletes = text(destination, "deletes", "destination.deletes").orElse("hard");
    DeleteMode deleteMode;
    try {
      deleteMode = DeleteMode.valueOf(deletes.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid("'destination.deletes' must be hard or soft (" + deletes + ")");
    }
    Object streamList = tree.get("streams");
    if (!(streamList instanceof List<?> entries) || entries.isEmpty()) {
      throw invalid("'streams' must list at least one stream");
    }
    List<StreamDefinition> streams = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      streams.add(stream(map(entries.get(i), "streams[" + i + "]"), "streams[" + i + "]."));
    }
    Optional<String> schedule = text(tree, "schedule", "schedule");
    try {
      io.dataplatform.api.NamespaceName.of(namespace);
    } catch (DpException e) {
      throw invalid("'destination.namespace': " + e.getMessage());
    }
    return new ConnectionDefinition(
        name, sourceType, source, namespace, deleteMode, streams, schedule);
  }

  private static StreamDefinition stream(Map<String, Object> entry, String path) {
    checkKeys(entry, STREAM_KEYS, path);
    String name =
        text(entry, "name", path + "name")
            .orElseThrow(() -> invalid("'" + path + "name' is required"));
    String modeName = text(entry, "mode", path + "mode").orElse("full_refresh_overwrite");
    SyncMode mode;
    try {
      mode = SyncMode.fromConfigName(modeName);
    } catch (IllegalArgumentException e) {
      throw invalid("'" + path + "mode': " + e.getMessage());
    }
    List<String> key = new ArrayList<>();
    Object keyValue = entry.get("primary_key");
    if (keyValue instanceof String single) {
      key.add(single);
    } else if (keyValue instanceof List<?> list) {
      list.forEach(column -> key.add(String.valueOf(column)));
    } else if (keyValue != null) {
      throw invalid("'" + path + "primary_key' must be a column name or a list of them");
    }
    Optional<String> table = text(entry, "table", path + "table");
    table.ifPresent(
        value -> {
          if (!value.matches("[a-z_][a-z0-9_]{0,127}")) {
            throw invalid("'" + path + "table' must be a lower-case table name (" + value + ")");
          }
        });
    return new StreamDefinition(name, mode, text(entry, "cursor", path + "cursor"), key, table);
  }

  private static void checkKeys(Map<String, Object> map, Set<String> known, String path) {
    for (String key : map.keySet()) {
      if (!known.contains(key)) {
        throw invalid(
            "unknown key '"
                + path
                + key
                + "'; the keys are "
                + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  private static Optional<String> text(Map<String, Object> map, String key, String path) {
    Object value = map.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Map || value instanceof List) {
      throw invalid("'" + path + "' must be a single value");
    }
    return Optional.of(value.toString());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String path) {
    if (value == null) {
      return Map.of();
    }
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw invalid("'" + path + "' must be a mapping of keys to values");
  }

  @SuppressWarnings("unchecked")
  private static <T> T resolve(
      T value, Function<String, Optional<String>> environment, String path) {
    if (value instanceof String text) {
      Matcher matcher = REFERENCE.matcher(text);
      StringBuilder resolved = new StringBuilder();
      while (matcher.find()) {
        String variable = matcher.group(1);
        String replacement =
            environment
                .apply(variable)
                .orElseThrow(
                    () ->
                        invalid(
                            "the environment variable " + variable + " is not set (" + path + ")"));
        matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
      }
      matcher.appendTail(resolved);
      return (T) resolved.toString();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> result = new LinkedHashMap<>();
      map.forEach(
          (key, child) -> {
            String childPath = path.isEmpty() ? String.valueOf(key) : path + "." + key;
            result.put(String.valueOf(key), resolve(child, environment, childPath));
          });
      return (T) result;
    }
    if (value instanceof List<?> list) {
      List<Object> result = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        result.add(resolve(list.get(i), environment, path + "[" + i + "]"));
      }
      return (T) result;
    }
    return value;
  }

  private static DpException invalid(String reason) {
    return new DpException(
        StandardErrorCode.INVALID_CONFIGURATION, "Cannot read connection file: " + reason);
  }
}

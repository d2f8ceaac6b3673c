package io.dataplatform.ingest.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.ConnectorSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The settings a connector's spec marks {@code "secret": true}, as paths of property names, and
 * rewriting them in a configuration tree (to seal, open or hide them).
 */
public final class SecretFields {
  /** What the API shows in place of a secret. */
  public static final String HIDDEN = "********";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<List<String>> paths;

  private SecretFields(List<List<String>> paths) {
    this.paths = List.copyOf(paths);
  }

  public static SecretFields of(ConnectorSpec spec) {
    JsonNode schema;
    try {
      schema = JSON.readTree(spec.jsonSchema());
    } catch (IOException e) {
      throw new DpException(
          StandardErrorCode.INTERNAL_ERROR,
          "Cannot read connector spec: its JSON Schema is invalid (" + spec.title() + ")",
          e);
    }
    List<List<String>> paths = new ArrayList<>();
    collect(schema, new ArrayList<>(), paths);
    return new SecretFields(paths);
  }

  private static void collect(JsonNode schema, List<String> path, List<List<String>> paths) {
    JsonNode properties = schema.path("properties");
    properties
        .fields()
        .forEachRemaining(
            entry -> {
              List<String> child = new ArrayList<>(path);
              child.add(entry.getKey());
              if (entry.getValue().path("secret").asBoolean(false)) {
                paths.add(child);
              } else {
                collect(entry.getValue(), child, paths);
              }
            });
  }

  public List<List<String>> paths() {
    return paths;
  }

  /** A copy of {@code values} with each present secret replaced by {@code change(path, value)}. */
  public Map<String, Object> rewrite(
      Map<String, Object> values, BiFunction<String, Object, Object> change) {
    Map<String, Object> copy = deepCopy(values);
    for (List<String> path : paths) {
      Map<String, Object> parent = parent(copy, path);
      String last = path.get(path.size() - 1);
      if (parent != null && parent.get(last) != null) {
        parent.put(last, change.apply(String.join(".", path), parent.get(last)));
      }
    }
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parent(Map<String, Object> root, List<String> path) {
    Map<String, Object> current = root;
    for (int i = 0; i < path.size() - 1; i++) {
      Object next = current.get(path.get(i));
      if (!(next instanceof Map)) {
        return null;
      }
      current = (Map<String, Object>) next;
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> values) {
    Map<String, Object> copy = new LinkedHashMap<>();
    values.forEach(
        (key, value) ->
            copy.put(
                key, value instanceof Map<?, ?> map ? deepCopy((Map<String, Object>) map) : value));
    return copy;
  }
}

package io.dataplatform.api.connector;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The source configuration of one connection, as parsed from its file or API request, with secrets
 * already decrypted and environment references resolved. Values are strings, numbers, booleans,
 * lists and maps. Connectors read it once, at the edge, into their own typed record.
 *
 * @param type the connector type, for error messages
 * @param context what the platform decides (import directories, its own object store)
 */
public record ConnectorConfig(String type, Map<String, Object> values, ConnectorContext context) {
  public ConnectorConfig {
    requireNonNull(type, "type");
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    requireNonNull(context, "context");
  }

  /** A configuration without platform context (no import directories, no platform store). */
  public ConnectorConfig(String type, Map<String, Object> values) {
    this(type, values, ConnectorContext.NONE);
  }

  /** A required string (numbers are accepted and turned into text). */
  public String string(String key) {
    return optionalString(key).orElseThrow(() -> missing(key));
  }

  public Optional<String> optionalString(String key) {
    Object value = values.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return Optional.of(value.toString());
    }
    throw wrongType(key, "a string", value);
  }

  public String string(String key, String fallback) {
    return optionalString(key).orElse(fallback);
  }

  public int integer(String key, int fallback) {
    Object value = values.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number number && number.doubleValue() == number.intValue()) {
      return number.intValue();
    }
    if (value instanceof String text) {
      try {
        return Integer.parseInt(text.trim());
      } catch (NumberFormatException e) {
        throw wrongType(key, "an integer", value);
      }
    }
    throw wrongType(key, "an integer", value);
  }

  public boolean flag(String key, boolean fallback) {
    Object value = values.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean bool) {
      return bool;
    }
    if (value instanceof String text
        && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(text);
    }
    throw wrongType(key, "true or false", value);
  }

  /** A list of values; empty when absent. */
  public List<Object> list(String key) {
    Object value = values.get(key);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return List.copyOf(list);
    }
    throw wrongType(key, "a list", value);
  }

  /** A nested object as its own configuration; empty when absent. */
  @SuppressWarnings("unchecked")
  public ConnectorConfig object(String key) {
    Object value = values.get(key);
    if (value == null) {
      return new ConnectorConfig(type, Map.of(), context);
    }
    if (value instanceof Map<?, ?> map) {
      return new ConnectorConfig(type, (Map<String, Object>) map, context);
    }
    throw wrongType(key, "an object", value);
  }

  public boolean has(String key) {
    return values.get(key) != null;
  }

  private DpException missing(String key) {
    return new DpException(
        StandardErrorCode.INVALID_CONFIGURATION,
        "Cannot configure " + type + " source: the setting '" + key + "' is required");
  }

  private DpException wrongType(String key, String expected, Object value) {
    String shown =
        value instanceof Map || value instanceof List
            ? value.getClass().getSimpleName()
            : value.toString();
    return new DpException(
        StandardErrorCode.INVALID_CONFIGURATION,
        "Cannot configure "
            + type
            + " source: the setting '"
            + key
            + "' must be "
            + expected
            + " ("
            + shown
            + ")");
  }

  /** Never prints values: they may hold secrets. */
  @Override
  public String toString() {
    return "ConnectorConfig[" + type + ", keys " + values.keySet() + "]";
  }
}

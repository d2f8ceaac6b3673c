package io.dataplatform.orchestrator.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataplatform.api.AssetKey;
import io.dataplatform.api.DpException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Typed reads of one YAML mapping, with errors that name the field and the file. */
final class YamlFields {
  private final JsonNode node;
  private final String where;
  private final String source;

  YamlFields(JsonNode node, String where, String source, Set<String> allowed) {
    this.where = where;
    this.source = source;
    if (node == null || !node.isObject()) {
      throw error(where + " must be a mapping");
    }
    this.node = node;
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw error(
            "unknown key "
                + where
                + "."
                + name
                + "; expected one of "
                + new java.util.TreeSet<>(allowed));
      }
    }
  }

  DpException error(String reason) {
    return DpException.user("Cannot read job file: " + reason + " (" + source + ")");
  }

  boolean has(String field) {
    return node.hasNonNull(field);
  }

  JsonNode raw(String field) {
    return node.get(field);
  }

  String text(String field) {
    return optionalText(field).orElseThrow(() -> error(where + "." + field + " is required"));
  }

  Optional<String> optionalText(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isValueNode()) {
      throw error(where + "." + field + " must be a single value");
    }
    return Optional.of(value.asText());
  }

  int integer(String field, int fallback) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber()) {
      throw error(where + "." + field + " must be a whole number (" + value.asText() + ")");
    }
    return value.asInt();
  }

  YamlFields mapping(String field, Set<String> allowed) {
    return new YamlFields(node.get(field), where + "." + field, source, allowed);
  }

  List<JsonNode> list(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw error(where + "." + field + " must be a list");
    }
    List<JsonNode> items = new ArrayList<>();
    value.forEach(items::add);
    return items;
  }

  List<AssetKey> assetKeys(String field) {
    JsonNode value = node.get(field);
    if (value != null && value.isTextual()) {
      return List.of(assetKey(value.asText()));
    }
    List<AssetKey> keys = new ArrayList<>();
    for (JsonNode item : list(field)) {
      keys.add(assetKey(item.asText()));
    }
    return keys;
  }

  AssetKey assetKey(String text) {
    try {
      return AssetKey.parse(text);
    } catch (DpException e) {
      throw error(where + ": " + e.getMessage());
    }
  }

  String where() {
    return where;
  }

  String source() {
    return source;
  }
}

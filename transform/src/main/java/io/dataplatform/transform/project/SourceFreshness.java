package io.dataplatform.transform.project;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a source table's {@code freshness} and {@code loaded_at_field} come from its source, as in
 * dbt: the table's {@code freshness} merges over the source's one level deep ({@code warn_after}
 * and {@code error_after} key by key), and {@code freshness: null} on the table turns it off.
 */
final class SourceFreshness {
  private SourceFreshness() {}

  static Map<String, Object> merge(Map<String, Object> sourceFreshness, Map<String, Object> table) {
    if (table.containsKey("freshness") && table.get("freshness") == null) {
      return Map.of();
    }
    Map<String, Object> merged = new LinkedHashMap<>();
    if (sourceFreshness != null) {
      merged.putAll(sourceFreshness);
    }
    Map<String, Object> tableFreshness = FolderConfigs.asMap(table.get("freshness"));
    if (tableFreshness != null) {
      for (Map.Entry<String, Object> entry : tableFreshness.entrySet()) {
        Map<String, Object> inner = FolderConfigs.asMap(entry.getValue());
        Map<String, Object> base = FolderConfigs.asMap(merged.get(entry.getKey()));
        if (inner != null && base != null) {
          Map<String, Object> deeper = new LinkedHashMap<>(base);
          deeper.putAll(inner);
          merged.put(entry.getKey(), deeper);
        } else {
          merged.put(entry.getKey(), entry.getValue());
        }
      }
    }
    merged.values().removeIf(java.util.Objects::isNull);
    return merged;
  }

  static Optional<String> loadedAtField(Map<String, Object> source, Map<String, Object> table) {
    Object value = table.containsKey("loaded_at_field") ? table.get("loaded_at_field") : null;
    if (value == null) {
      value = source.get("loaded_at_field");
    }
    return value == null || value.toString().isBlank()
        ? Optional.empty()
        : Optional.of(value.toString());
  }
}

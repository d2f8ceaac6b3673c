package io.dataplatform.transform.project;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves configuration from nested folder sections of {@code dbt_project.yml} and merges
 * configuration levels the way dbt does: later levels override scalars, {@code tags} accumulate,
 * {@code meta} dictionaries merge.
 */
public final class FolderConfigs {
  /** Configs whose value is a dictionary, so they are not mistaken for folders. */
  private static final Set<String> DICTIONARY_CONFIGS =
      Set.of("meta", "persist_docs", "column_types", "grants", "docs", "contract", "quoting");

  private FolderConfigs() {}

  /**
   * The configuration for a node of {@code packageName} in {@code folders} (its path below the
   * resource directory, then its name), from a {@code models:}/{@code seeds:} section.
   */
  public static Map<String, Object> resolve(
      Map<String, Object> section, String packageName, List<String> folders) {
    Map<String, Object> result = new LinkedHashMap<>();
    Map<String, Object> level = asMap(section.get(packageName));
    if (level == null) {
      // configs at the top of the section apply to every package
      merge(result, configsOf(section));
      return result;
    }
    merge(result, configsOf(section));
    merge(result, configsOf(level));
    for (String folder : folders) {
      level = asMap(level.get(folder));
      if (level == null) {
        break;
      }
      merge(result, configsOf(level));
    }
    return result;
  }

  /** Merges {@code overrides} into {@code base}. */
  public static void merge(Map<String, Object> base, Map<String, Object> overrides) {
    for (Map.Entry<String, Object> entry : overrides.entrySet()) {
      String key = entry.getKey();
      Object value = entry.getValue();
      if (key.equals("tags")) {
        List<Object> tags = new ArrayList<>(asList(base.get("tags")));
        for (Object tag : asList(value)) {
          if (!tags.contains(tag)) {
            tags.add(tag);
          }
        }
        base.put("tags", tags);
      } else if (key.equals("meta") && value instanceof Map<?, ?> map) {
        Map<String, Object> merged = new HashMap<>();
        Map<String, Object> previous = asMap(base.get("meta"));
        if (previous != null) {
          merged.putAll(previous);
        }
        map.forEach((k, v) -> merged.put(String.valueOf(k), v));
        base.put("meta", merged);
      } else if (key.equals("pre-hook") || key.equals("post-hook")) {
        List<Object> hooks = new ArrayList<>(asList(base.get(key)));
        hooks.addAll(asList(value));
        base.put(key, hooks);
      } else {
        base.put(key, value);
      }
    }
  }

  /** Normalises hook names: {@code pre_hook} → {@code pre-hook}. */
  public static String configKey(String key) {
    String name = key.startsWith("+") ? key.substring(1) : key;
    return switch (name) {
      case "pre_hook" -> "pre-hook";
      case "post_hook" -> "post-hook";
      default -> name;
    };
  }

  private static Map<String, Object> configsOf(Map<String, Object> level) {
    Map<String, Object> configs = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : level.entrySet()) {
      String key = entry.getKey();
      boolean explicit = key.startsWith("+");
      String name = configKey(key);
      boolean folder = entry.getValue() instanceof Map<?, ?> && !DICTIONARY_CONFIGS.contains(name);
      if (explicit || !folder) {
        configs.put(name, entry.getValue());
      }
    }
    return configs;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object value) {
    return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
  }

  static List<Object> asList(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return new ArrayList<>(list);
    }
    return List.of(value);
  }
}

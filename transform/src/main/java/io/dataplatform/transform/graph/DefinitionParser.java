package io.dataplatform.transform.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses one {@code definition} of {@code selectors.yml}: a command-line string, a {@code method}/
 * {@code value} mapping (or the one-key {@code tag: nightly} form) with graph operators, {@code
 * union}/{@code intersection} lists whose {@code exclude} items are subtracted, and {@code method:
 * selector} references.
 */
final class DefinitionParser {
  private static final Set<String> CRITERION_KEYS =
      Set.of(
          "method",
          "value",
          "parents",
          "parents_depth",
          "children",
          "children_depth",
          "childrens_parents",
          "indirect_selection",
          "exclude");

  private final String selector;
  private Optional<IndirectSelection> indirect = Optional.empty();

  DefinitionParser(String selector) {
    this.selector = selector;
  }

  /** The {@code indirect_selection} the definition names, if any. */
  Optional<IndirectSelection> indirect() {
    return indirect;
  }

  SelectionSpec root(Object definition) {
    if (definition instanceof Map<?, ?> map
        && (map.containsKey("union") || map.containsKey("intersection"))
        && map.size() > 1) {
      throw invalid(
          "a root definition holds a single union or intersection key (" + map.keySet() + ")");
    }
    return parse(definition);
  }

  private SelectionSpec parse(Object definition) {
    if (definition instanceof String text) {
      return new SelectionSpec.Expression(text);
    }
    if (!(definition instanceof Map<?, ?> map)) {
      throw invalid("a definition is a string or a mapping (" + definition + ")");
    }
    if (map.containsKey("union")) {
      return combine(map.get("union"), "union");
    }
    if (map.containsKey("intersection")) {
      return combine(map.get("intersection"), "intersection");
    }
    return criterion(map);
  }

  private SelectionSpec combine(Object value, String key) {
    if (!(value instanceof List<?> items)) {
      throw invalid(key + " must be a list (" + value + ")");
    }
    List<SelectionSpec> included = new ArrayList<>();
    List<SelectionSpec> excluded = new ArrayList<>();
    for (Object item : items) {
      if (item instanceof Map<?, ?> map && map.size() == 1 && map.containsKey("exclude")) {
        excluded.add(exclusions(map.get("exclude")));
      } else {
        included.add(parse(item));
      }
    }
    if (included.isEmpty()) {
      throw invalid(key + " needs at least one item besides exclude");
    }
    SelectionSpec combined =
        key.equals("union")
            ? new SelectionSpec.Union(included)
            : new SelectionSpec.Intersection(included);
    if (excluded.isEmpty()) {
      return combined;
    }
    return new SelectionSpec.Difference(
        combined, excluded.size() == 1 ? excluded.get(0) : new SelectionSpec.Union(excluded));
  }

  /** {@code exclude:} holds a list of definitions (a single one is accepted too). */
  private SelectionSpec exclusions(Object value) {
    if (value instanceof List<?> items) {
      if (items.isEmpty()) {
        throw invalid("exclude must not be empty");
      }
      List<SelectionSpec> parts = new ArrayList<>();
      items.forEach(item -> parts.add(parse(item)));
      return parts.size() == 1 ? parts.get(0) : new SelectionSpec.Union(parts);
    }
    return parse(value);
  }

  private SelectionSpec criterion(Map<?, ?> map) {
    String method;
    Object value;
    if (map.containsKey("method") && map.containsKey("value")) {
      for (Object key : map.keySet()) {
        if (!CRITERION_KEYS.contains(String.valueOf(key))) {
          throw invalid("unknown key " + key + " in a method definition");
        }
      }
      method = String.valueOf(map.get("method"));
      value = map.get("value");
    } else if (map.size() == 1) {
      method = String.valueOf(map.keySet().iterator().next());
      value = map.values().iterator().next();
    } else {
      throw invalid(
          "a definition has either one key or method and value keys (" + map.keySet() + ")");
    }
    if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
      throw invalid("the value of method " + method + " must be a string (" + value + ")");
    }
    if (map.get("indirect_selection") != null) {
      indirect =
          Optional.of(
              IndirectSelection.parse(
                  map.get("indirect_selection").toString(),
                  YamlSelectors.FILE_NAME + " selector " + selector));
    }
    SelectionSpec base;
    if (method.equals("selector")) {
      base = new SelectionSpec.Reference(value.toString());
    } else {
      base =
          new SelectionSpec.Criterion(
              method,
              value.toString(),
              depth(map, "parents"),
              depth(map, "children"),
              flag(map, "childrens_parents"));
    }
    if (map.containsKey("exclude") && map.size() > 1) {
      return new SelectionSpec.Difference(base, exclusions(map.get("exclude")));
    }
    return base;
  }

  /** {@code parents: true} with an optional {@code parents_depth}; empty when not asked for. */
  private Optional<Integer> depth(Map<?, ?> map, String key) {
    if (!flag(map, key)) {
      return Optional.empty();
    }
    Object depth = map.get(key + "_depth");
    if (depth == null) {
      return Optional.of(Integer.MAX_VALUE);
    }
    try {
      int parsed = Integer.parseInt(depth.toString().trim());
      if (parsed < 0) {
        throw new NumberFormatException();
      }
      return Optional.of(parsed);
    } catch (NumberFormatException e) {
      throw invalid(key + "_depth must be a whole number (" + depth + ")");
    }
  }

  private boolean flag(Map<?, ?> map, String key) {
    Object value = map.get(key);
    if (value == null
        || Boolean.FALSE.equals(value)
        || "false".equalsIgnoreCase(value.toString())) {
      return false;
    }
    if (Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(value.toString())) {
      return true;
    }
    throw invalid(key + " must be true or false (" + value + ")");
  }

  private io.dataplatform.api.DpException invalid(String reason) {
    return YamlSelectors.invalid("selector " + selector + ": " + reason, null);
  }
}

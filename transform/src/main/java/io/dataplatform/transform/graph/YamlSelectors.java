package io.dataplatform.transform.graph;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataplatform.api.DpException;
import io.dataplatform.transform.TransformErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The named selections of a project's {@code selectors.yml} (dbt's YAML selectors): each has a
 * name, a description, a {@code definition} and may be the {@code default}, which applies when a
 * command names neither {@code --select} nor {@code --selector}.
 */
public final class YamlSelectors {
  /** The file name, in the project's root directory. */
  public static final String FILE_NAME = "selectors.yml";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * One selector.
   *
   * @param indirect the {@code indirect_selection} its definition asks for, if any
   */
  public record Definition(
      String name,
      String description,
      boolean isDefault,
      SelectionSpec spec,
      Optional<IndirectSelection> indirect) {
    public Definition {
      requireNonNull(name, "name");
      requireNonNull(description, "description");
      requireNonNull(spec, "spec");
      requireNonNull(indirect, "indirect");
    }
  }

  private final Map<String, Definition> definitions;
  private final List<String> order;

  private YamlSelectors(Map<String, Definition> definitions) {
    this.definitions = Map.copyOf(definitions);
    this.order = List.copyOf(definitions.keySet());
  }

  /** No selectors: a project without {@code selectors.yml}. */
  public static YamlSelectors none() {
    return new YamlSelectors(Map.of());
  }

  /** Reads {@code selectors.yml} in {@code projectRoot}; none when the file does not exist. */
  public static YamlSelectors load(Path projectRoot) {
    Path file = projectRoot.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return none();
    }
    Object yaml;
    try {
      yaml = YAML.readValue(file.toFile(), Object.class);
    } catch (IOException e) {
      throw invalid(e.getMessage().lines().findFirst().orElse("invalid YAML"), e);
    }
    return parse(yaml);
  }

  /** Builds the selectors from the parsed YAML document of {@code selectors.yml}. */
  public static YamlSelectors parse(Object document) {
    if (!(document instanceof Map<?, ?> root) || !(root.get("selectors") instanceof List<?> list)) {
      throw invalid("the file must hold a list under 'selectors'", null);
    }
    Map<String, Definition> definitions = new LinkedHashMap<>();
    List<String> defaults = new ArrayList<>();
    for (Object entry : list) {
      if (!(entry instanceof Map<?, ?> item) || !(item.get("name") instanceof String name)) {
        throw invalid("every selector needs a name (" + entry + ")", null);
      }
      if (!item.containsKey("definition") || item.get("definition") == null) {
        throw invalid("selector " + name + " has no definition", null);
      }
      if (definitions.containsKey(name)) {
        throw invalid("selector " + name + " is defined twice", null);
      }
      boolean isDefault = isTrue(item.get("default"), name);
      if (isDefault) {
        defaults.add(name);
      }
      DefinitionParser parser = new DefinitionParser(name);
      SelectionSpec spec = parser.root(item.get("definition"));
      Object description = item.get("description");
      definitions.put(
          name,
          new Definition(
              name,
              description == null ? "" : description.toString(),
              isDefault,
              spec,
              parser.indirect()));
    }
    if (defaults.size() > 1) {
      throw invalid(
          "only one selector may have default: true (" + String.join(", ", defaults) + ")", null);
    }
    YamlSelectors selectors = new YamlSelectors(definitions);
    selectors.checkReferences();
    return selectors;
  }

  private static boolean isTrue(Object value, String name) {
    if (value == null
        || Boolean.FALSE.equals(value)
        || "false".equalsIgnoreCase(value.toString())) {
      return false;
    }
    if (Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(value.toString())) {
      return true;
    }
    throw invalid("default of selector " + name + " must be true or false (" + value + ")", null);
  }

  /** Every selector, in file order. */
  public List<Definition> definitions() {
    return order.stream().map(definitions::get).toList();
  }

  /** The selector with {@code default: true}, if any. */
  public Optional<Definition> defaultSelector() {
    return definitions().stream().filter(Definition::isDefault).findFirst();
  }

  /** The selector called {@code name}; a clear error when there is none. */
  public Definition definition(String name) {
    Definition definition = definitions.get(name);
    if (definition == null) {
      throw new DpException(
          TransformErrorCode.INVALID_SELECTION,
          "Cannot select nodes: no selector named "
              + name
              + " in "
              + FILE_NAME
              + " (known: "
              + (order.isEmpty() ? "none" : String.join(", ", order))
              + ")");
    }
    return definition;
  }

  /** Unknown names and cycles among {@code method: selector} references fail at load. */
  private void checkReferences() {
    Set<String> done = new LinkedHashSet<>();
    for (String name : order) {
      visit(name, new ArrayList<>(), done);
    }
  }

  private void visit(String name, List<String> path, Set<String> done) {
    if (path.contains(name)) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
      cycle.add(name);
      throw invalid(
          "selectors refer to each other in a cycle (" + String.join(" -> ", cycle) + ")", null);
    }
    if (!done.add(name)) {
      return;
    }
    path.add(name);
    for (String reference : references(definitions.get(name).spec())) {
      if (!definitions.containsKey(reference)) {
        throw invalid(
            "selector " + name + " refers to selector " + reference + ", which is not defined",
            null);
      }
      visit(reference, path, done);
    }
    path.remove(path.size() - 1);
    done.add(name);
  }

  private static List<String> references(SelectionSpec spec) {
    List<String> names = new ArrayList<>();
    collect(spec, names);
    return names;
  }

  private static void collect(SelectionSpec spec, List<String> names) {
    if (spec instanceof SelectionSpec.Reference reference) {
      names.add(reference.name());
    } else if (spec instanceof SelectionSpec.Union union) {
      union.parts().forEach(part -> collect(part, names));
    } else if (spec instanceof SelectionSpec.Intersection intersection) {
      intersection.parts().forEach(part -> collect(part, names));
    } else if (spec instanceof SelectionSpec.Difference difference) {
      collect(difference.include(), names);
      collect(difference.exclude(), names);
    }
  }

  static DpException invalid(String reason, Exception cause) {
    return new DpException(
        TransformErrorCode.INVALID_PROJECT, "Cannot read " + FILE_NAME + ": " + reason, cause);
  }
}

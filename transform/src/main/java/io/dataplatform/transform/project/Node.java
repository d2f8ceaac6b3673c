package io.dataplatform.transform.project;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model, seed, snapshot or test of a project, as loaded from its files.
 *
 * @param uniqueId dbt's id, {@code <type>.<package>.<name>}
 * @param originalFilePath the file, relative to its package's root
 * @param path the file relative to its resource directory (models/, seeds/, …)
 * @param fqn package name, folders and node name
 * @param rawCode the SQL with Jinja as written (for a seed, empty)
 * @param config the resolved configuration: project folders, property files and {@code config()}
 * @param columns the columns documented in property files
 * @param test for a generic test, what it tests; empty otherwise
 */
public record Node(
    String uniqueId,
    NodeType type,
    String packageName,
    String name,
    String originalFilePath,
    String path,
    List<String> fqn,
    String rawCode,
    Map<String, Object> config,
    String description,
    Map<String, ColumnInfo> columns,
    Optional<TestMetadata> test) {
  public Node {
    requireNonNull(uniqueId, "uniqueId");
    requireNonNull(type, "type");
    requireNonNull(packageName, "packageName");
    requireNonNull(name, "name");
    requireNonNull(originalFilePath, "originalFilePath");
    requireNonNull(path, "path");
    fqn = List.copyOf(fqn);
    requireNonNull(rawCode, "rawCode");
    config = java.util.Collections.unmodifiableMap(new HashMap<>(config));
    requireNonNull(description, "description");
    columns = Map.copyOf(columns);
    requireNonNull(test, "test");
  }

  /** A copy with another configuration. */
  public Node withConfig(Map<String, Object> newConfig) {
    return new Node(
        uniqueId,
        type,
        packageName,
        name,
        originalFilePath,
        path,
        fqn,
        rawCode,
        newConfig,
        description,
        columns,
        test);
  }

  /** A copy with documentation from a property file. */
  public Node withDocumentation(String newDescription, Map<String, ColumnInfo> newColumns) {
    return new Node(
        uniqueId,
        type,
        packageName,
        name,
        originalFilePath,
        path,
        fqn,
        rawCode,
        config,
        newDescription,
        newColumns,
        test);
  }

  /** The configured materialization ({@code view}, {@code table}, …). */
  public String materialized() {
    Object value = config.get("materialized");
    return value == null ? "" : value.toString();
  }

  /** A string configuration value, or the default. */
  public String configString(String key, String defaultValue) {
    Object value = config.get(key);
    return value == null ? defaultValue : value.toString();
  }

  /** Whether the node is enabled ({@code enabled: false} removes it from the project). */
  public boolean enabled() {
    Object value = config.get("enabled");
    return value == null || !"false".equalsIgnoreCase(value.toString());
  }

  /** The tags from every configuration level. */
  @SuppressWarnings("unchecked")
  public List<String> tags() {
    Object value = config.get("tags");
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return value == null ? List.of() : List.of(value.toString());
  }
}

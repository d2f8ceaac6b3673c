package io.dataplatform.transform.project;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies YAML property files: descriptions, columns and {@code config} of models, seeds and
 * snapshots; sources; generic tests ({@code tests} or {@code data_tests}); unit tests.
 */
final class PropertyFiles {
  /** Keys of a test definition that configure it rather than being arguments. */
  private static final Set<String> TEST_CONFIGS =
      Set.of(
          "severity",
          "where",
          "limit",
          "warn_if",
          "error_if",
          "store_failures",
          "tags",
          "enabled",
          "meta",
          "fail_calc",
          "schema",
          "alias",
          "database",
          "store_failures_as");

  private final ProjectConfig project;
  private final ProjectConfig root;
  private final Map<String, Node> nodes;
  private final Map<String, SourceTable> sources;
  private final UnitTestDefinitions unitTests;

  PropertyFiles(
      ProjectConfig project,
      ProjectConfig root,
      Map<String, Node> nodes,
      Map<String, SourceTable> sources,
      Map<String, UnitTest> unitTests) {
    this.project = project;
    this.root = root;
    this.nodes = nodes;
    this.sources = sources;
    this.unitTests = new UnitTestDefinitions(project, nodes, unitTests);
  }

  void apply(Path file) {
    Map<String, Object> yaml = ProjectLoader.readYaml(file);
    String path = ProjectLoader.relative(project.root(), file);
    for (String section : List.of("models", "seeds", "snapshots")) {
      for (Object entry : FolderConfigs.asList(yaml.get(section))) {
        Map<String, Object> item = FolderConfigs.asMap(entry);
        if (item != null && item.get("name") != null) {
          patch(section, item, path);
        }
      }
    }
    for (Object entry : FolderConfigs.asList(yaml.get("sources"))) {
      Map<String, Object> item = FolderConfigs.asMap(entry);
      if (item != null && item.get("name") != null) {
        addSource(item, path);
      }
    }
    for (Object entry : FolderConfigs.asList(yaml.get("unit_tests"))) {
      Map<String, Object> item = FolderConfigs.asMap(entry);
      if (item != null) {
        unitTests.add(item, file, path);
      }
    }
  }

  private void patch(String section, Map<String, Object> item, String path) {
    String name = item.get("name").toString();
    String type = section.substring(0, section.length() - 1);
    String uniqueId = type + "." + project.name() + "." + name;
    Node node = nodes.get(uniqueId);
    if (node == null) {
      addTestsOfOtherResource(item, name, path);
      return;
    }
    Map<String, Object> config = new LinkedHashMap<>(node.config());
    Map<String, Object> patchConfig = FolderConfigs.asMap(item.get("config"));
    if (patchConfig != null) {
      Map<String, Object> normalised = new LinkedHashMap<>();
      patchConfig.forEach((k, v) -> normalised.put(FolderConfigs.configKey(k), v));
      FolderConfigs.merge(config, normalised);
    }
    Map<String, ColumnInfo> columns = columns(item);
    nodes.put(
        uniqueId, node.withConfig(config).withDocumentation(text(item, "description"), columns));
    addResourceTests(item, name, uniqueId, path);
  }

  /**
   * dbt parses the tests of a property entry whatever section names it: tests of a seed listed
   * under {@code models:} test the seed, as {@code ref(name)} resolves to it. The entry's
   * descriptions apply to nothing; tests of a name no resource has are dropped, as dbt warns and
   * drops them.
   */
  private void addTestsOfOtherResource(Map<String, Object> item, String name, String path) {
    for (String type : List.of("model", "seed", "snapshot")) {
      String uniqueId = type + "." + project.name() + "." + name;
      if (nodes.containsKey(uniqueId)) {
        addResourceTests(item, name, uniqueId, path);
        return;
      }
    }
  }

  private void addResourceTests(
      Map<String, Object> item, String name, String uniqueId, String path) {
    String expression = "ref('" + name + "')";
    addTests(item, null, name, uniqueId, expression, path);
    for (Object column : FolderConfigs.asList(item.get("columns"))) {
      Map<String, Object> columnItem = FolderConfigs.asMap(column);
      if (columnItem != null && columnItem.get("name") != null) {
        addTests(columnItem, columnItem.get("name").toString(), name, uniqueId, expression, path);
      }
    }
  }

  private void addSource(Map<String, Object> item, String path) {
    String sourceName = item.get("name").toString();
    String schema = String.valueOf(item.getOrDefault("schema", sourceName));
    Map<String, Object> freshness = FolderConfigs.asMap(item.get("freshness"));
    for (Object entry : FolderConfigs.asList(item.get("tables"))) {
      Map<String, Object> table = FolderConfigs.asMap(entry);
      if (table == null || table.get("name") == null) {
        continue;
      }
      String name = table.get("name").toString();
      String uniqueId = "source." + project.name() + "." + sourceName + "." + name;
      sources.put(
          uniqueId,
          new SourceTable(
              uniqueId,
              project.name(),
              sourceName,
              name,
              schema.toLowerCase(),
              String.valueOf(table.getOrDefault("identifier", name)).toLowerCase(),
              text(table, "description"),
              path,
              columns(table),
              SourceFreshness.merge(freshness, table),
              ProjectLoader.strings(table.get("tags")),
              SourceFreshness.loadedAtField(item, table)));
      String label = sourceName + "_" + name;
      String expression = "source('" + sourceName + "', '" + name + "')";
      addTests(table, null, label, uniqueId, expression, path);
      for (Object column : FolderConfigs.asList(table.get("columns"))) {
        Map<String, Object> columnItem = FolderConfigs.asMap(column);
        if (columnItem != null && columnItem.get("name") != null) {
          addTests(
              columnItem, columnItem.get("name").toString(), label, uniqueId, expression, path);
        }
      }
    }
  }

  private void addTests(
      Map<String, Object> item,
      String column,
      String label,
      String attachedTo,
      String expression,
      String path) {
    List<Object> definitions = new ArrayList<>(FolderConfigs.asList(item.get("tests")));
    definitions.addAll(FolderConfigs.asList(item.get("data_tests")));
    for (Object definition : definitions) {
      String testName;
      Map<String, Object> arguments = new LinkedHashMap<>();
      if (definition instanceof Map<?, ?> map && map.size() >= 1) {
        Map<String, Object> entry = FolderConfigs.asMap(definition);
        if (entry.containsKey("test_name")) {
          testName = entry.get("test_name").toString();
          arguments.putAll(entry);
          arguments.remove("test_name");
        } else {
          String key = entry.keySet().iterator().next();
          testName = key;
          Map<String, Object> value = FolderConfigs.asMap(entry.get(key));
          if (value != null) {
            arguments.putAll(value);
          }
        }
      } else {
        testName = String.valueOf(definition);
      }
      addTest(testName, arguments, column, label, attachedTo, expression, path);
    }
  }

  private void addTest(
      String qualifiedName,
      Map<String, Object> arguments,
      String column,
      String label,
      String attachedTo,
      String expression,
      String path) {
    Map<String, Object> config = new LinkedHashMap<>(ResourceCollector.defaults(NodeType.TEST));
    FolderConfigs.merge(
        config,
        FolderConfigs.resolve(root.resourceConfigs().get("tests"), project.name(), List.of()));
    Map<String, Object> kwargs = new TreeMap<>();
    String name = arguments.containsKey("name") ? arguments.remove("name").toString() : null;
    Map<String, Object> nested = FolderConfigs.asMap(arguments.remove("arguments"));
    if (nested != null) {
      kwargs.putAll(nested);
    }
    for (Map.Entry<String, Object> entry : arguments.entrySet()) {
      if (entry.getKey().equals("config")) {
        FolderConfigs.asMap(entry.getValue())
            .forEach((k, v) -> config.put(FolderConfigs.configKey(k), v));
      } else if (TEST_CONFIGS.contains(entry.getKey())) {
        config.put(entry.getKey(), entry.getValue());
      } else {
        kwargs.put(entry.getKey(), entry.getValue());
      }
    }
    String namespace = "";
    String testName = qualifiedName;
    int dot = qualifiedName.indexOf('.');
    if (dot > 0) {
      namespace = qualifiedName.substring(0, dot);
      testName = qualifiedName.substring(dot + 1);
    }
    Map<String, Object> nameArguments = new TreeMap<>(kwargs);
    if (column != null) {
      nameArguments.put("column_name", column);
    }
    // a source's tests are named source_<test>_<source>_<table>
    String prefix = expression.startsWith("source(") ? "source_" : "";
    String nodeName =
        name != null ? name : testNodeName(prefix, namespace, testName, label, nameArguments);
    String uniqueId =
        "test."
            + project.name()
            + "."
            + nodeName
            + "."
            + md5(nodeName + attachedTo).substring(0, 10);
    TestMetadata metadata =
        new TestMetadata(
            testName, namespace, attachedTo, expression, Optional.ofNullable(column), kwargs);
    nodes.put(
        uniqueId,
        new Node(
            uniqueId,
            NodeType.TEST,
            project.name(),
            nodeName,
            path,
            path,
            List.of(project.name(), nodeName),
            "",
            config,
            "",
            Map.of(),
            Optional.of(metadata)));
  }

  /** dbt's name for a generic test instance: test, model and flattened arguments. */
  static String testNodeName(
      String prefix,
      String namespace,
      String testName,
      String label,
      Map<String, Object> arguments) {
    List<String> parts = new ArrayList<>();
    for (Object value : arguments.values()) {
      if (value instanceof Map<?, ?> map) {
        map.values().forEach(v -> parts.add(python(v)));
      } else if (value instanceof List<?> list) {
        list.forEach(v -> parts.add(python(v)));
      } else {
        parts.add(python(value));
      }
    }
    String identifier =
        prefix + (namespace.isEmpty() ? "" : namespace + "_") + testName + "_" + label;
    String unique =
        String.join("__", parts.stream().map(p -> p.replaceAll("[^0-9a-zA-Z_]+", "_")).toList());
    String full = unique.isEmpty() ? identifier : identifier + "_" + unique;
    if (full.length() >= 64) {
      return identifier.substring(0, Math.min(30, identifier.length())) + "_" + md5(full);
    }
    return full;
  }

  /** A value as Python's {@code str} prints it, which dbt's test names are made of. */
  private static String python(Object value) {
    if (value instanceof Boolean bool) {
      return bool ? "True" : "False";
    }
    return value == null ? "None" : String.valueOf(value);
  }

  private static Map<String, ColumnInfo> columns(Map<String, Object> item) {
    Map<String, ColumnInfo> columns = new LinkedHashMap<>();
    for (Object entry : FolderConfigs.asList(item.get("columns"))) {
      Map<String, Object> column = FolderConfigs.asMap(entry);
      if (column == null || column.get("name") == null) {
        continue;
      }
      String name = column.get("name").toString();
      Map<String, Object> meta = FolderConfigs.asMap(column.get("meta"));
      columns.put(
          name,
          new ColumnInfo(
              name,
              text(column, "description"),
              column.get("data_type") == null ? "" : column.get("data_type").toString(),
              meta == null ? Map.of() : meta,
              ProjectLoader.strings(column.get("tags"))));
    }
    return columns;
  }

  static String text(Map<String, Object> item, String key) {
    Object value = item.get(key);
    return value == null ? "" : value.toString();
  }

  static String md5(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

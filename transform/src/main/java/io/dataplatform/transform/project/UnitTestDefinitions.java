package io.dataplatform.transform.project;

import io.dataplatform.api.DpException;
import io.dataplatform.transform.TransformErrorCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code unit_tests:} entries of a project's property files into {@link UnitTest}
 * definitions and their {@link NodeType#UNIT_TEST} nodes.
 */
final class UnitTestDefinitions {
  private final ProjectConfig project;
  private final Map<String, Node> nodes;
  private final Map<String, UnitTest> unitTests;

  UnitTestDefinitions(
      ProjectConfig project, Map<String, Node> nodes, Map<String, UnitTest> unitTests) {
    this.project = project;
    this.nodes = nodes;
    this.unitTests = unitTests;
  }

  void add(Map<String, Object> item, Path file, String path) {
    String name = required(item, "name", "(unnamed)", path);
    String modelName = required(item, "model", name, path);
    Node model = nodes.get("model." + project.name() + "." + modelName);
    if (model == null) {
      throw invalid(name, "its model " + modelName + " is not a model of the project", path);
    }
    String uniqueId = "unit_test." + project.name() + "." + modelName + "." + name;
    if (unitTests.containsKey(uniqueId)) {
      throw invalid(name, "another unit test of " + modelName + " has this name", path);
    }
    List<UnitTest.Input> given = new ArrayList<>();
    for (Object entry : FolderConfigs.asList(item.get("given"))) {
      Map<String, Object> input = FolderConfigs.asMap(entry);
      if (input == null || input.get("input") == null) {
        throw invalid(name, "each given entry needs an input: ref(...) or source(...)", path);
      }
      given.add(new UnitTest.Input(input.get("input").toString().strip(), fixture(input, name)));
    }
    Map<String, Object> expect = FolderConfigs.asMap(item.get("expect"));
    if (expect == null) {
      throw invalid(name, "it has no expect section", path);
    }
    Map<String, Object> overrides = map(item.get("overrides"));
    unitTests.put(
        uniqueId,
        new UnitTest(
            uniqueId,
            name,
            model.uniqueId(),
            path,
            given,
            fixture(expect, name),
            map(overrides.get("macros")),
            map(overrides.get("vars")),
            map(overrides.get("env_vars"))));
    Map<String, Object> config =
        new LinkedHashMap<>(ResourceCollector.defaults(NodeType.UNIT_TEST));
    Map<String, Object> itemConfig = map(item.get("config"));
    itemConfig.forEach((key, value) -> config.put(FolderConfigs.configKey(key), value));
    List<String> fqn = new ArrayList<>(model.fqn());
    fqn.add(name);
    nodes.put(
        uniqueId,
        new Node(
            uniqueId,
            NodeType.UNIT_TEST,
            project.name(),
            name,
            path,
            path,
            fqn,
            "",
            config,
            PropertyFiles.text(item, "description"),
            Map.of(),
            Optional.empty()));
  }

  private UnitTest.Fixture fixture(Map<String, Object> entry, String name) {
    String formatName = String.valueOf(entry.getOrDefault("format", "dict"));
    UnitTest.Format format;
    try {
      format = UnitTest.Format.valueOf(formatName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(name, "unknown format " + formatName + " (dict, csv, sql)", "");
    }
    Object fixtureName = entry.get("fixture");
    if (fixtureName != null) {
      if (format == UnitTest.Format.DICT) {
        throw invalid(name, "a fixture file needs format csv or sql", fixtureName.toString());
      }
      return new UnitTest.Fixture(format, fixtureFile(fixtureName.toString(), format, name));
    }
    Object rows = entry.get("rows");
    if (format == UnitTest.Format.DICT) {
      List<Object> list = rows == null ? List.of() : FolderConfigs.asList(rows);
      for (Object row : list) {
        if (!(row instanceof Map<?, ?>)) {
          throw invalid(name, "dict rows are mappings of column to value", String.valueOf(row));
        }
      }
      return new UnitTest.Fixture(format, list);
    }
    if (!(rows instanceof String text)) {
      throw invalid(name, format.name().toLowerCase(Locale.ROOT) + " rows are a string", "");
    }
    return new UnitTest.Fixture(format, text);
  }

  private String fixtureFile(String fixtureName, UnitTest.Format format, String name) {
    String fileName = fixtureName + "." + format.name().toLowerCase(Locale.ROOT);
    for (String testPath : project.testPaths()) {
      for (Path file : ProjectLoader.files(project.root().resolve(testPath), fileName)) {
        String relative = ProjectLoader.relative(project.root().resolve(testPath), file);
        if (file.getFileName().toString().equals(fileName)
            && ("/" + relative).contains("/fixtures/")) {
          return ProjectLoader.read(file);
        }
      }
    }
    throw invalid(name, "no fixture file " + fileName + " under a fixtures directory", "");
  }

  private static String required(Map<String, Object> item, String key, String name, String path) {
    Object value = item.get(key);
    if (value == null || value.toString().isBlank()) {
      throw invalid(name, "it has no " + key, path);
    }
    return value.toString();
  }

  private static Map<String, Object> map(Object value) {
    Map<String, Object> map = FolderConfigs.asMap(value);
    return map == null ? new LinkedHashMap<>() : map;
  }

  private static DpException invalid(String name, String reason, String values) {
    return new DpException(
        TransformErrorCode.INVALID_PROJECT,
        "Cannot load unit test "
            + name
            + ": "
            + reason
            + (values.isEmpty() ? "" : " (" + values + ")"));
  }
}

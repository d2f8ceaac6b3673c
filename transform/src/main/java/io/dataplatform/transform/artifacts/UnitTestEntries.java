package io.dataplatform.transform.artifacts;

import io.dataplatform.transform.project.Node;
import io.dataplatform.transform.project.UnitTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A unit test as manifest.json's {@code unit_tests} section describes it. */
final class UnitTestEntries {
  private UnitTestEntries() {}

  static Map<String, Object> entry(Node node, UnitTest test) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("model", test.modelId().substring(test.modelId().lastIndexOf('.') + 1));
    List<Object> given = new ArrayList<>();
    for (UnitTest.Input input : test.given()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("input", input.input());
      item.putAll(fixture(input.fixture()));
      given.add(item);
    }
    entry.put("given", given);
    entry.put("expect", fixture(test.expect()));
    entry.put("name", node.name());
    entry.put("resource_type", "unit_test");
    entry.put("package_name", node.packageName());
    entry.put("path", node.path());
    entry.put("original_file_path", node.originalFilePath());
    entry.put("unique_id", node.uniqueId());
    entry.put("fqn", node.fqn());
    entry.put("description", node.description());
    Map<String, Object> overrides = new LinkedHashMap<>();
    overrides.put("macros", test.macros());
    overrides.put("vars", test.vars());
    overrides.put("env_vars", test.envVars());
    entry.put("overrides", overrides);
    entry.put("depends_on", Map.of("macros", List.of(), "nodes", List.of(test.modelId())));
    entry.put("config", node.config());
    entry.put("tags", node.tags());
    return entry;
  }

  private static Map<String, Object> fixture(UnitTest.Fixture fixture) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("rows", fixture.rows());
    entry.put("format", fixture.format().name().toLowerCase(Locale.ROOT));
    entry.put("fixture", null);
    return entry;
  }
}

package io.dataplatform.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.transform.execute.Command;
import io.dataplatform.transform.execute.NodeResult;
import io.dataplatform.transform.execute.RunOptions;
import io.dataplatform.transform.execute.RunReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Custom materializations, Python modules and undefined names, run on the lakehouse. */
class JinjaFeaturesIT {
  @TempDir Path directory;
  LakehouseProjects lake;

  @BeforeEach
  void open() {
    lake = new LakehouseProjects(directory);
  }

  @AfterEach
  void close() {
    lake.close();
  }

  private static Map<String, String> statuses(RunReport report) {
    Map<String, String> statuses = new TreeMap<>();
    for (NodeResult result : report.results()) {
      statuses.put(result.uniqueId(), result.status().label());
    }
    return statuses;
  }

  private static NodeResult result(RunReport report, String uniqueId) {
    return report.results().stream()
        .filter(r -> r.uniqueId().equals(uniqueId))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void customMaterializationBuildsTheTableAndWritesAnAuditRow() {
    Path project = lake.project("custom_materializations");
    RunOptions options = new RunOptions(List.of(), List.of(), 2, false, false);
    RunReport first = lake.run(project, Command.RUN, options);
    assertEquals(
        Map.of(
            "model.custom_mats.base_numbers", "success",
            "model.custom_mats.doubled", "success",
            "model.custom_mats.recent", "success",
            "model.custom_mats.forgotten", "error"),
        statuses(first),
        String.join("\n", lake.output));
    assertEquals(List.of("1", "2", "3"), lake.query("SELECT n FROM main.base_numbers ORDER BY n"));
    assertEquals(List.of("4", "6"), lake.query("SELECT n FROM main.doubled ORDER BY n"));
    assertEquals(
        "BASE TABLE",
        lake.query(
                "SELECT table_type FROM information_schema.tables WHERE table_schema = 'main'"
                    + " AND table_name = 'doubled'")
            .get(0));
    assertEquals(
        List.of("base_numbers|first|3", "base_numbers|post-hook|1", "doubled|second|2"),
        lake.query("SELECT * FROM main.audit_log ORDER BY model, label"));
    assertEquals("main.doubled", result(first, "model.custom_mats.doubled").relationName());
    assertEquals(
        "Cannot run model forgotten: Cannot run materialization forgetful: it must end with"
            + " {{ return({'relations': [...]}) }} listing relations (returned nothing)"
            + " (models/forgotten.sql)",
        result(first, "model.custom_mats.forgotten").message());
    assertEquals(
        List.of("three days ago|01.03.2024 14:05|2024-03-01T14:05:00"),
        lake.query("SELECT * FROM main.recent"));

    RunReport second =
        lake.run(
            project, Command.RUN, new RunOptions(List.of("doubled"), List.of(), 1, false, false));
    assertEquals(Map.of("model.custom_mats.doubled", "success"), statuses(second));
    assertEquals(List.of("4", "6"), lake.query("SELECT n FROM main.doubled ORDER BY n"));
    assertEquals(
        List.of(
            "base_numbers|first|3",
            "base_numbers|post-hook|1",
            "doubled|second|2",
            "doubled|second|2"),
        lake.query("SELECT * FROM main.audit_log ORDER BY model, label"));
    assertTrue(result(second, "model.custom_mats.doubled").message().startsWith("OK"));
  }

  @Test
  void undefinedNamesFailTheirNodeWithFileAndLine() {
    Path project = lake.project("undefined");
    RunReport report =
        lake.run(project, Command.RUN, new RunOptions(List.of(), List.of(), 2, false, false));
    assertEquals(
        Map.of(
            "model.undefined_names.uses_undefined", "error",
            "model.undefined_names.calls_missing", "error",
            "model.undefined_names.in_macro", "error",
            "model.undefined_names.lenient", "success"),
        statuses(report),
        String.join("\n", lake.output));
    assertEquals(
        "Cannot compile models/uses_undefined.sql: 'undefined_thing' is undefined"
            + " (models/uses_undefined.sql:3)",
        result(report, "model.undefined_names.uses_undefined").message());
    assertEquals(
        "Cannot compile models/calls_missing.sql: 'my_missing_macro' is undefined"
            + " (models/calls_missing.sql:1)",
        result(report, "model.undefined_names.calls_missing").message());
    assertEquals(
        "Cannot compile models/in_macro.sql: 'forgotten_setting' is undefined"
            + " (in macro careless_label, macros/labels.sql:6) (models/in_macro.sql)",
        result(report, "model.undefined_names.in_macro").message());
    assertEquals(
        List.of("false|fallback|off|true|||a|a!||main.dp"),
        lake.query("SELECT * FROM main.lenient"));
  }
}

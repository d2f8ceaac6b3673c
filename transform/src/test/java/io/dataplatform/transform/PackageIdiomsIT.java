package io.dataplatform.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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

/**
 * Jinja and project idioms of public dbt packages (dbt_utils, dbt_date): defaults with parentheses,
 * {@code *varargs}/{@code **kwargs} passed on through {@code adapter.dispatch}, dispatched macros
 * nested in call blocks, recursion, Python string methods, trailing commas, Jinja in {@code
 * dbt_project.yml} configs, tests of a seed listed under {@code models:}.
 */
class PackageIdiomsIT {
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
      statuses.put(result.uniqueId().replaceAll("\\.[0-9a-f]{10}$", ""), result.status().label());
    }
    return statuses;
  }

  @Test
  void packageIdiomsRenderAsInDbt() {
    Path project = lake.project("idioms");
    RunOptions options = new RunOptions(List.of(), List.of(), 2, false, false);
    RunReport report = lake.run(project, Command.BUILD, options);
    assertEquals(
        Map.of(
            "seed.idioms.letters", "success",
            "model.idioms.idioms_out", "success",
            "test.idioms.idioms_pkg_at_most_letters_id__3", "warn",
            "test.idioms.unique_letters_id", "pass"),
        statuses(report),
        String.join("\n", lake.output));
    assertFalse(report.failed());
    assertEquals(
        List.of("b\\.|x+y+z|n=5|120|alpha-3/gamma|ALPHA,BETA,GAMMA|padded|a b_c|true|3"),
        lake.query("SELECT * FROM main.idioms_out"));
    assertEquals(
        List.of("4|c"),
        lake.query("SELECT * FROM main_dbt_test__audit.idioms_pkg_at_most_letters_id__3"));
  }

  @Test
  void projectConfigRendersJinjaWithVars() {
    Path project = lake.project("idioms");
    RunOptions options = new RunOptions(List.of("resource_type:seed"), List.of(), 2, false, false);
    RunReport without = lake.run(project, Command.SEED, options);
    assertEquals(Map.of("seed.idioms.letters", "success"), statuses(without));
    RunReport with = lake.run(project, Command.SEED, options, Map.of("load_extra", true));
    assertEquals(
        Map.of("seed.idioms.letters", "success", "seed.idioms.bonus", "success"),
        statuses(with),
        String.join("\n", lake.output));
    assertEquals(List.of("7"), lake.query("SELECT id FROM main.bonus"));
  }
}

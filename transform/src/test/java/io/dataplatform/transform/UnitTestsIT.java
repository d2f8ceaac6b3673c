package io.dataplatform.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.transform.execute.Command;
import io.dataplatform.transform.execute.NodeResult;
import io.dataplatform.transform.execute.RunOptions;
import io.dataplatform.transform.execute.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnitTestsIT {
  private static final String FAILURE =
      String.join(
          "\n",
          "actual differs from expected:",
          "",
          "@@ ,customer_id ,customer_name ,total_amount",
          "---,1           ,ADA           ,11",
          "+++,1           ,ADA           ,10.5");

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

  /**
   * The project's source table, loaded outside the project as ingestion would; a seed would race
   * with the model that reads it, since a source has no edge to the seed of the same name.
   */
  private void loadSourceCustomers() {
    lake.update(
        "CREATE TABLE main.app_customers AS SELECT * FROM (VALUES (1, 'Ada'), (2, 'Grace'),"
            + " (3, 'Linus')) AS t(id, name)");
  }

  private static RunOptions select(String... expressions) {
    return new RunOptions(List.of(expressions), List.of(), 4, false, false);
  }

  private static Map<String, String> statuses(RunReport report) {
    Map<String, String> statuses = new TreeMap<>();
    for (NodeResult result : report.results()) {
      statuses.put(result.uniqueId(), result.status().label());
    }
    return statuses;
  }

  @Test
  void buildRunsUnitTestsBeforeTheirModelAndSkipsTheModelWhenOneFails() throws Exception {
    Path project = lake.project("unit_tests");
    loadSourceCustomers();
    RunReport report = lake.run(project, Command.BUILD, select());
    assertEquals(
        Map.ofEntries(
            Map.entry("model.ut.customer_totals", "skipped"),
            Map.entry("model.ut.order_log", "success"),
            Map.entry("model.ut.stg_customers", "success"),
            Map.entry("model.ut.stg_orders", "success"),
            Map.entry("seed.ut.raw_orders", "success"),
            Map.entry("unit_test.ut.customer_totals.test_totals_count_completed_orders", "pass"),
            Map.entry("unit_test.ut.customer_totals.test_totals_minimum_amount", "pass"),
            Map.entry("unit_test.ut.customer_totals.test_totals_wrong_expectation", "fail"),
            Map.entry("unit_test.ut.order_log.test_order_log_appends_new_orders", "pass"),
            Map.entry("unit_test.ut.stg_customers.test_customer_names_upper_case", "pass")),
        statuses(report),
        String.join("\n", lake.output));
    NodeResult failed =
        report.results().stream()
            .filter(r -> r.uniqueId().endsWith("test_totals_wrong_expectation"))
            .findFirst()
            .orElseThrow();
    assertEquals(FAILURE, failed.message());
    assertEquals(2, failed.failures());
    String output = String.join("\n", lake.output);
    assertTrue(
        output.contains("  " + FAILURE.replace("\n", "\n  ").replace("\n  \n", "\n\n")), output);
    assertTrue(
        lake.output.stream()
            .anyMatch(
                line ->
                    line.contains("FAIL unit_test customer_totals::test_totals_wrong_expectation ")
                        && line.contains("[FAIL 2 in ")),
        output);
    assertTrue(
        lake.output.stream()
            .anyMatch(
                line ->
                    line.contains("PASS unit_test order_log::test_order_log_appends_new_orders ")),
        output);
    assertEquals(
        List.of("1|completed|eu", "2|returned|eu", "3|completed|eu"),
        lake.query("SELECT * FROM main.order_log ORDER BY order_id"));
    String manifest = Files.readString(project.resolve("target/manifest.json"));
    assertTrue(
        manifest.contains(
            "\"unit_tests\" : {\n    \"unit_test.ut.customer_totals.test_totals_count_completed_orders\""),
        manifest);
    assertTrue(!manifest.contains("test_disabled"), manifest);
    Path compiled = project.resolve("target/compiled/ut/models/unit_tests.yml");
    assertTrue(
        Files.readString(compiled.resolve("test_totals_count_completed_orders.sql"))
            .contains("select"));
    assertTrue(Files.isRegularFile(compiled.resolve("test_customer_names_upper_case.sql")));
    String runResults = Files.readString(project.resolve("target/run_results.json"));
    assertTrue(
        runResults.contains(
            "\"unique_id\" : \"unit_test.ut.customer_totals.test_totals_wrong_expectation\""),
        runResults);
  }

  @Test
  void testSelectsUnitTestsByTypeNameTagAndModel() {
    Path project = lake.project("unit_tests");
    loadSourceCustomers();
    lake.run(project, Command.SEED, select());
    lake.run(project, Command.RUN, select());
    assertEquals(
        Map.of(
            "unit_test.ut.customer_totals.test_totals_count_completed_orders", "pass",
            "unit_test.ut.customer_totals.test_totals_minimum_amount", "pass",
            "unit_test.ut.customer_totals.test_totals_wrong_expectation", "fail",
            "unit_test.ut.order_log.test_order_log_appends_new_orders", "pass",
            "unit_test.ut.stg_customers.test_customer_names_upper_case", "pass"),
        statuses(lake.run(project, Command.TEST, select("test_type:unit"))));
    assertEquals(
        Map.of("unit_test.ut.order_log.test_order_log_appends_new_orders", "pass"),
        statuses(lake.run(project, Command.TEST, select("order_log"))));
    assertEquals(
        Map.of("unit_test.ut.customer_totals.test_totals_count_completed_orders", "pass"),
        statuses(lake.run(project, Command.TEST, select("tag:totals"))));
    assertEquals(
        Map.of("unit_test.ut.stg_customers.test_customer_names_upper_case", "pass"),
        statuses(lake.run(project, Command.TEST, select("test_customer_names_upper_case"))));
  }

  @Test
  void aReadRelationWithoutGivenInputIsAnError() throws Exception {
    Path project = directory.resolve("missing");
    Files.createDirectories(project.resolve("models"));
    Files.writeString(project.resolve("dbt_project.yml"), "name: missing\nprofile: missing\n");
    Files.writeString(project.resolve("models/a.sql"), "select 1 as id");
    Files.writeString(project.resolve("models/b.sql"), "select 2 as id");
    Files.writeString(
        project.resolve("models/c.sql"),
        "select id from {{ ref('a') }} union all select id from {{ ref('b') }}");
    Files.writeString(
        project.resolve("models/unit.yml"),
        "unit_tests:\n  - name: t\n    model: c\n    given:\n"
            + "      - input: ref('a')\n        rows: [{id: 1}]\n"
            + "    expect:\n      rows: [{id: 1}]\n");
    RunReport report = lake.run(project, Command.TEST, select());
    assertEquals(Map.of("unit_test.missing.c.t", "error"), statuses(report));
    assertEquals(
        "Cannot run unit test t: the model reads relations that have no given input"
            + " (model.missing.b in models/unit.yml)",
        report.results().get(0).message());
  }

  @Test
  void lsListsUnitTests() {
    Path project = lake.project("unit_tests");
    lake.run(project, Command.LS, select("resource_type:unit_test"));
    assertEquals(
        List.of(
            "unit_test:ut.marts.customer_totals.test_totals_count_completed_orders",
            "unit_test:ut.marts.customer_totals.test_totals_minimum_amount",
            "unit_test:ut.staging.stg_customers.test_customer_names_upper_case",
            "unit_test:ut.marts.order_log.test_order_log_appends_new_orders",
            "unit_test:ut.marts.customer_totals.test_totals_wrong_expectation"),
        lake.output);
  }
}

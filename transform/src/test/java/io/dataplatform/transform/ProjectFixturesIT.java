package io.dataplatform.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

class ProjectFixturesIT {
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

  private static String message(RunReport report, String uniqueId) {
    return report.results().stream()
        .filter(r -> r.uniqueId().equals(uniqueId))
        .findFirst()
        .orElseThrow()
        .message();
  }

  @Test
  void brokenModelsFailWithTheirDescendantsWhileOthersRun() {
    Path project = lake.project("broken");
    RunReport report =
        lake.run(project, Command.BUILD, new RunOptions(List.of(), List.of(), 3, false, false));
    assertTrue(report.failed());
    assertEquals(
        Map.of(
            "seed.broken.numbers", "success",
            "model.broken.good", "success",
            "model.broken.after_good", "success",
            "model.broken.bad_sql", "error",
            "model.broken.after_bad_sql", "skipped",
            "model.broken.bad_ref", "error",
            "model.broken.bad_jinja", "error"),
        statuses(report));
    assertEquals(List.of("2", "4"), lake.query("SELECT doubled FROM main.after_good ORDER BY 1"));
    String sqlError = message(report, "model.broken.bad_sql");
    assertTrue(sqlError.contains("no_such_column"), sqlError);
    assertTrue(sqlError.contains("models/bad_sql.sql"), sqlError);
    assertEquals(
        "Cannot compile models/bad_ref.sql: Cannot resolve ref: no model, seed or snapshot named"
            + " missing_model (models/bad_ref.sql)",
        message(report, "model.broken.bad_ref"));
    String jinjaError = message(report, "model.broken.bad_jinja");
    assertTrue(jinjaError.startsWith("Cannot compile models/bad_jinja.sql: "), jinjaError);
    assertTrue(jinjaError.endsWith("(models/bad_jinja.sql:2)"), jinjaError);
  }

  @Test
  void incrementalStrategiesAndSchemaChanges() {
    Path project = lake.project("incremental");
    lake.update("CREATE SCHEMA raw");
    lake.update("CREATE TABLE raw.events AS SELECT * FROM (VALUES (1, 'a'), (2, 'b')) t(id, name)");
    RunOptions options = new RunOptions(List.of(), List.of(), 2, false, false);
    RunReport first = lake.run(project, Command.RUN, options);
    assertFalse(first.failed(), String.join("\n", lake.output));
    lake.update("INSERT INTO raw.events VALUES (3, 'c')");
    lake.update("UPDATE raw.events SET name = 'B' WHERE id = 2");
    RunReport second = lake.run(project, Command.RUN, options, Map.of("with_extra", true));
    assertEquals(
        Map.of(
            "model.increments.events_append", "success",
            "model.increments.events_merge", "success",
            "model.increments.events_composite", "success",
            "model.increments.events_strict", "error"),
        statuses(second));
    assertEquals(
        List.of("1|a", "2|b", "3|c"),
        lake.query("SELECT * FROM analytics.events_append ORDER BY id"));
    assertEquals(
        List.of("1|a|x", "2|B|x", "3|c|x"),
        lake.query("SELECT id, name, extra FROM analytics.events_merge ORDER BY id"));
    assertEquals(
        List.of("1|a|10", "2|B|20", "2|b|20", "3|c|30"),
        lake.query("SELECT id, name, score FROM analytics.events_composite ORDER BY id, name"));
    assertEquals(
        "Cannot run model events_strict: Cannot run incremental model: the schema changed and"
            + " on_schema_change is fail (added [name], removed []) (models/events_strict.sql)",
        message(second, "model.increments.events_strict"));
    RunReport refresh =
        lake.run(
            project,
            Command.RUN,
            new RunOptions(List.of("events_strict"), List.of(), 1, true, false),
            Map.of("with_extra", true));
    assertEquals(Map.of("model.increments.events_strict", "success"), statuses(refresh));
    assertEquals(
        List.of("1|a", "2|B", "3|c"),
        lake.query("SELECT id, name FROM analytics.events_strict ORDER BY id"));
  }

  @Test
  void macrosPackagesDispatchAndReturnValues() {
    Path project = lake.project("macros");
    RunReport report =
        lake.run(project, Command.BUILD, new RunOptions(List.of(), List.of(), 2, false, false));
    assertEquals(
        Map.of(
            "model.macro_shop.base", "success",
            "model.macro_shop.derived", "success",
            "test.macro_shop.not_null_derived_upper_bound", "pass",
            "test.macro_shop.is_even_derived_n", "warn",
            "test.macro_shop.accepted_values_derived_n__False__3", "pass"),
        statuses(report),
        String.join("\n", lake.output));
    assertFalse(report.failed());
    assertEquals(
        List.of(
            "3|hi p1|X|3|4|ab|2024-02-01 00:00:00.0|main.derived|dev",
            "6|hi p2|X|3|4|ab|2024-02-01 00:00:00.0|main.derived|dev"),
        lake.query("SELECT * FROM main.derived ORDER BY n"));
    assertEquals(List.of("3"), lake.query("SELECT n FROM main_dbt_test__audit.is_even_derived_n"));
  }

  @Test
  void snapshotsKeepRowHistory() {
    Path project = lake.project("snapshots");
    lake.update("CREATE SCHEMA raw");
    lake.update(
        "CREATE TABLE raw.customers AS SELECT * FROM (VALUES (1, 'ann', TIMESTAMP '2024-01-01'),"
            + " (2, 'bob', TIMESTAMP '2024-01-01'), (3, 'cy', TIMESTAMP '2024-01-01'))"
            + " t(id, name, updated_at)");
    RunOptions options = new RunOptions(List.of(), List.of(), 2, false, false);
    RunReport first = lake.run(project, Command.SNAPSHOT, options);
    assertFalse(first.failed(), String.join("\n", lake.output));
    lake.update(
        "UPDATE raw.customers SET name = 'anna', updated_at = TIMESTAMP '2024-02-01' WHERE id = 1");
    lake.update("DELETE FROM raw.customers WHERE id = 3");
    RunReport second = lake.run(project, Command.SNAPSHOT, options);
    assertFalse(second.failed(), String.join("\n", lake.output));
    assertEquals(
        List.of(
            "1|ann|2024-01-01 00:00:00.0|2024-02-01 00:00:00",
            "1|anna|2024-02-01 00:00:00.0|null",
            "2|bob|2024-01-01 00:00:00.0|null",
            "3|cy|2024-01-01 00:00:00.0|closed"),
        lake.query(
            "SELECT id, name, dbt_valid_from, CASE WHEN id = 3 AND dbt_valid_to IS NOT NULL"
                + " THEN 'closed' ELSE CAST(dbt_valid_to AS VARCHAR) END"
                + " FROM snapshots.customers_ts ORDER BY id, dbt_valid_from"));
    assertEquals(
        List.of("1|ann|false", "1|anna|true", "2|bob|true", "3|cy|true"),
        lake.query(
            "SELECT id, name, dbt_valid_to IS NULL FROM snapshots.customers_check"
                + " ORDER BY id, dbt_valid_from"));
  }
}

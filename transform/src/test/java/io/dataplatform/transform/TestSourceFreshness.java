package io.dataplatform.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.api.DpException;
import io.dataplatform.transform.compile.Manifest;
import io.dataplatform.transform.compile.ProjectCompiler;
import io.dataplatform.transform.execute.ConsoleOutput;
import io.dataplatform.transform.execute.NodeResult;
import io.dataplatform.transform.execute.RunOptions;
import io.dataplatform.transform.freshness.FreshnessCriteria;
import io.dataplatform.transform.freshness.FreshnessRun;
import io.dataplatform.transform.jinja.ColumnRelation;
import io.dataplatform.transform.jinja.JinjaEnvironment;
import io.dataplatform.transform.jinja.QueryTable;
import io.dataplatform.transform.jinja.Relation;
import io.dataplatform.transform.jinja.SqlRunner;
import io.dataplatform.transform.project.DbtProject;
import io.dataplatform.transform.project.ProjectLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Source freshness on the freshness fixture, with fixed query answers and a fixed clock. */
class TestSourceFreshness {
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

  /** Answers each freshness query by the table it reads. */
  private static final class Answers implements SqlRunner {
    final Map<String, Object> values = new LinkedHashMap<>();
    final List<String> queries = new ArrayList<>();

    @Override
    public long execute(String sql) {
      throw new UnsupportedOperationException(sql);
    }

    @Override
    public QueryTable query(String sql) {
      queries.add(sql);
      for (Map.Entry<String, Object> entry : values.entrySet()) {
        if (sql.contains(" from " + entry.getKey())) {
          return new QueryTable(List.of("max_loaded_at"), List.of(Arrays.asList(entry.getValue())));
        }
      }
      throw new DpException(
          TransformErrorCode.DATABASE_ERROR, "Table with name " + sql + " does not exist");
    }

    @Override
    public Optional<Relation> relation(String schema, String name) {
      return Optional.empty();
    }

    @Override
    public List<ColumnRelation> columns(String schema, String name) {
      return List.of();
    }
  }

  @TempDir Path directory;

  private Manifest manifest() {
    DbtProject project =
        ProjectLoader.load(Fixtures.project("freshness"), Optional.empty(), Map.of());
    return new ProjectCompiler(new JinjaEnvironment(project, new FakeSqlRunner())).parse();
  }

  private static Answers answers() {
    Answers answers = new Answers();
    answers.values.put("raw.orders", "2025-06-01 10:30:00");
    answers.values.put("raw.customers", "2025-06-01 09:00:00+00");
    answers.values.put("raw.shop_payments", "2025-06-01 13:45:00.250+02");
    answers.values.put("raw.refunds", null);
    return answers;
  }

  @Test
  void freshnessInheritsFromTheSourceAndNullTurnsItOff() {
    Manifest manifest = manifest();
    Map<String, Object> customers =
        manifest.project().sources().get("source.freshness.shop.customers").freshness();
    assertEquals(
        Map.of(
            "warn_after", Map.of("count", 1, "period", "hour"),
            "error_after", Map.of("count", 2, "period", "hour")),
        customers);
    assertEquals(
        Map.of(), manifest.project().sources().get("source.freshness.shop.events").freshness());
    assertEquals(
        Optional.of("paid_at"),
        manifest.project().sources().get("source.freshness.shop.payments").loadedAtField());
    assertEquals(
        Optional.empty(),
        manifest.project().sources().get("source.freshness.static.countries").loadedAtField());
  }

  @Test
  void checksEverySourceWithAThresholdAndALoadedAtField() throws IOException {
    Answers answers = answers();
    List<String> lines = new ArrayList<>();
    FreshnessRun run =
        FreshnessRun.run(
            manifest(), RunOptions.defaults(), answers, new ConsoleOutput(lines::add), NOW);
    assertEquals(
        List.of(
            "select cast(max(_loaded_at) as varchar) as max_loaded_at from raw.orders",
            "select cast(max(_loaded_at) as varchar) as max_loaded_at from raw.customers",
            "select cast(max(paid_at) as varchar) as max_loaded_at from raw.shop_payments"
                + " where status = 'paid'",
            "select cast(max(_loaded_at) as varchar) as max_loaded_at from raw.refunds"),
        answers.queries);
    assertEquals("Running with dp transform: 4 sources", lines.get(0));
    assertProgress(lines.get(1), "1 of 4 WARN freshness of shop.orders", "WARN");
    assertProgress(lines.get(2), "2 of 4 ERROR STALE freshness of shop.customers", "ERROR STALE");
    assertProgress(lines.get(3), "3 of 4 PASS freshness of shop.payments", "PASS");
    assertProgress(lines.get(4), "4 of 4 ERROR freshness of shop.refunds", "ERROR");
    assertEquals(
        "  Cannot check freshness of source shop.refunds: max(_loaded_at) is null, no row has a"
            + " value (raw.refunds)",
        lines.get(5));
    assertEquals(
        List.of(
            "",
            "Finished running 4 sources in 0.00 seconds.",
            "Completed with errors",
            "Done. PASS=1 WARN=1 ERROR=2 SKIP=0 TOTAL=4"),
        lines.subList(6, 10));
    assertTrue(run.report().failed(), "a stale table makes the command exit 1");
    List<String> messages = run.report().results().stream().map(NodeResult::message).toList();
    assertEquals("WARN: newest row 2025-06-01T10:30:00Z, 5400 s old", messages.get(0));

    JsonNode sources = new ObjectMapper().readTree(run.writeSources(directory, "run-1").toFile());
    assertEquals(
        "https://schemas.getdbt.com/dbt/sources/v3.json",
        sources.path("metadata").path("dbt_schema_version").asText());
    assertEquals("run-1", sources.path("metadata").path("invocation_id").asText());
    JsonNode orders = sources.path("results").get(0);
    assertEquals("source.freshness.shop.orders", orders.path("unique_id").asText());
    assertEquals("warn", orders.path("status").asText());
    assertEquals("2025-06-01T10:30:00Z", orders.path("max_loaded_at").asText());
    assertEquals("2025-06-01T12:00:00Z", orders.path("snapshotted_at").asText());
    assertEquals(5400.0, orders.path("max_loaded_at_time_ago_in_s").asDouble());
    assertEquals(
        "{\"warn_after\":{\"count\":1,\"period\":\"hour\"},"
            + "\"error_after\":{\"count\":1,\"period\":\"day\"},\"filter\":null}",
        orders.path("criteria").toString());
    JsonNode customers = sources.path("results").get(1);
    assertEquals("error", customers.path("status").asText());
    assertEquals(10800.0, customers.path("max_loaded_at_time_ago_in_s").asDouble());
    JsonNode payments = sources.path("results").get(2);
    assertEquals("pass", payments.path("status").asText());
    assertEquals("2025-06-01T11:45:00.250Z", payments.path("max_loaded_at").asText());
    assertEquals(899.75, payments.path("max_loaded_at_time_ago_in_s").asDouble());
    assertEquals("status = 'paid'", payments.path("criteria").path("filter").asText());
    JsonNode refunds = sources.path("results").get(3);
    assertEquals(List.of("unique_id", "error", "status"), iterable(refunds.fieldNames()));
    assertEquals("runtime error", refunds.path("status").asText());
  }

  @Test
  void selectionAndTheDefaultSelectorPickSources() {
    Answers answers = answers();
    List<String> lines = new ArrayList<>();
    FreshnessRun run =
        FreshnessRun.run(
            manifest(),
            RunOptions.defaults().withSelect(List.of("source:shop.payments source:shop.events")),
            answers,
            new ConsoleOutput(lines::add),
            NOW);
    assertEquals(1, run.results().size());
    assertEquals("pass", run.results().get(0).status().label());
    assertEquals(false, run.report().failed());
    assertEquals("Done. PASS=1 WARN=0 ERROR=0 SKIP=0 TOTAL=1", lines.get(lines.size() - 1));

    List<String> nothing = new ArrayList<>();
    FreshnessRun none =
        FreshnessRun.run(
            manifest(),
            RunOptions.defaults().withSelect(List.of("source:static")),
            answers,
            new ConsoleOutput(nothing::add),
            NOW);
    assertEquals(List.of(), none.results());
    assertEquals(
        List.of(
            "Nothing to do: no selected source table has a freshness threshold and a"
                + " loaded_at_field"),
        nothing);
  }

  @Test
  void invalidThresholdsNameTheTable() {
    DpException period =
        assertThrows(
            DpException.class,
            () ->
                FreshnessCriteria.of(
                    Map.of("warn_after", Map.of("count", 3, "period", "week")), "shop.orders"));
    assertEquals(
        "Cannot check freshness of source shop.orders: warn_after period must be minute, hour or"
            + " day (week)",
        period.getMessage());
    DpException count =
        assertThrows(
            DpException.class,
            () ->
                FreshnessCriteria.of(
                    Map.of("error_after", Map.of("period", "hour")), "shop.orders"));
    assertEquals(
        "Cannot check freshness of source shop.orders: error_after needs both count and period"
            + " ({period=hour})",
        count.getMessage());
  }

  private static void assertProgress(String line, String head, String status) {
    assertTrue(line.startsWith(head + " ."), line);
    assertTrue(line.endsWith(". [" + status + " in 0.00s]"), line);
    assertEquals(78 + (" [" + status + " in 0.00s]").length(), line.length(), line);
  }

  private static List<String> iterable(java.util.Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }
}

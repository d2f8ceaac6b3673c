package io.dataplatform.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.AssetKey;
import io.dataplatform.api.DpException;
import io.dataplatform.orchestrator.asset.PartitionDefinition;
import io.dataplatform.orchestrator.job.JobCatalog;
import io.dataplatform.orchestrator.job.JobDefinition;
import io.dataplatform.orchestrator.job.JobParser;
import io.dataplatform.orchestrator.job.RefreshStep;
import io.dataplatform.orchestrator.job.SleepStep;
import io.dataplatform.orchestrator.job.SqlStep;
import io.dataplatform.orchestrator.job.SyncStep;
import io.dataplatform.orchestrator.job.TransformStep;
import io.dataplatform.orchestrator.job.WebhookStep;
import io.dataplatform.orchestrator.trigger.SensorDefinition;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestJobParser {
  private static final Path PIPELINES = Path.of("src/test/resources/pipelines");

  @Test
  void readsTheIssueExampleAsIs() {
    JobCatalog catalog = JobCatalog.load(PIPELINES);
    JobDefinition job = catalog.job("shop_daily");
    assertEquals(
        List.of(
            new SyncStep("sync_shop", "shop", List.of()),
            new TransformStep("transform_demo", "demo", Optional.of("+marts"), List.of())),
        job.steps());
    assertEquals("0 6 * * *", job.schedule().orElseThrow().expression());
    assertEquals(ZoneId.of("Europe/Paris"), job.schedule().orElseThrow().zone());
    assertEquals(3, job.retries().maxAttempts());
    assertEquals(Duration.ofSeconds(30), job.retries().backoff());
    assertEquals(1, job.maxConcurrentRuns());
    assertEquals(
        List.of("revenue", "shop_daily"),
        catalog.jobs().stream().map(JobDefinition::name).toList());
  }

  @Test
  void readsEveryStepKindAndOption() {
    JobDefinition job = JobCatalog.load(PIPELINES).job("revenue");
    assertEquals("Daily revenue, one partition per day", job.description());
    SqlStep load = assertInstanceOf(SqlStep.class, job.steps().get(0));
    assertEquals("load", load.name());
    assertEquals(List.of(AssetKey.parse("marts.revenue")), load.assets());
    RefreshStep view = assertInstanceOf(RefreshStep.class, job.steps().get(1));
    assertEquals("refresh_marts_revenue_summary", view.name());
    assertEquals(Optional.of("marts.revenue_summary"), view.view());
    assertEquals(List.of(AssetKey.parse("marts.revenue_summary")), view.assets());
    RefreshStep table = assertInstanceOf(RefreshStep.class, job.steps().get(2));
    assertTrue(table.sql().orElseThrow().startsWith("create or replace table"));
    WebhookStep webhook = assertInstanceOf(WebhookStep.class, job.steps().get(3));
    assertEquals(URI.create("http://127.0.0.1:9/notify"), webhook.url());
    assertEquals("PUT", webhook.method());
    assertEquals("abc", webhook.headers().get("X-Token"));
    assertEquals(Duration.ofSeconds(5), webhook.timeout());
    assertEquals(new SleepStep("sleep_5", Duration.ofSeconds(2), List.of()), job.steps().get(4));
    assertEquals(
        new PartitionDefinition.Daily(LocalDate.of(2024, 1, 1)), job.partitions().orElseThrow());
    assertEquals(10, job.backfillMaxRuns());
    assertEquals(Optional.of(Duration.ofHours(1)), job.timeout());
    assertEquals(2, job.maxConcurrentRuns());
    assertEquals(URI.create("http://127.0.0.1:9/alerts"), job.onFailure().orElseThrow().url());
    assertEquals(
        List.of(
            new SensorDefinition.NewObject("revenue.new_object", "landing", "orders/"),
            new SensorDefinition.AssetMaterialized(
                "revenue.asset_materialized", List.of(AssetKey.parse("raw.orders"))),
            new SensorDefinition.Freshness(
                "revenue.freshness", AssetKey.parse("marts.revenue"), Duration.ofHours(26))),
        job.sensors());
    assertEquals(
        List.of(AssetKey.parse("raw.orders"), AssetKey.parse("raw.customers")),
        job.assets().get(0).dependencies());
  }

  @Test
  void readsFilesThatOnlyDeclareAssets() {
    var keys =
        JobCatalog.load(PIPELINES).declaredAssets().stream()
            .map(asset -> asset.key().toString())
            .sorted()
            .toList();
    assertEquals(List.of("marts.revenue", "raw.customers", "raw.orders"), keys);
  }

  @Test
  void derivesTheJobNameFromTheFile() {
    var parsed = JobParser.parse("steps:\n  - sql: select 1\n", "/x/nightly.yml");
    assertEquals("nightly", parsed.job().orElseThrow().name());
    assertEquals("sql_1", parsed.job().orElseThrow().steps().get(0).name());
  }

  @Test
  void refusesUnknownKeysWithTheFileName() {
    DpException error =
        assertThrows(
            DpException.class,
            () -> JobParser.parse("name: a\nstep:\n  - sql: select 1\n", "a.yml"));
    assertEquals(
        "Cannot read job file: unknown key job.step; expected one of [assets, backfill,"
            + " concurrency, description, name, on_failure, partitions, retries, schedule,"
            + " sensors, steps, timeout] (a.yml)",
        error.getMessage());
  }

  @Test
  void refusesStepsWithTwoKinds() {
    DpException error =
        assertThrows(
            DpException.class,
            () -> JobParser.parse("steps:\n  - {sql: select 1, sync: shop}\n", "b.yml"));
    assertEquals(
        "Cannot read job file: steps[1] needs exactly one of [sync, transform, sql, refresh,"
            + " webhook, sleep], found [sync, sql] (b.yml)",
        error.getMessage());
  }

  @Test
  void refusesBadCronAndZone() {
    DpException cron =
        assertThrows(
            DpException.class,
            () ->
                JobParser.parse(
                    "steps: [{sql: select 1}]\nschedule: {cron: \"61 * * * *\"}\n", "c.yml"));
    assertTrue(
        cron.getMessage().startsWith("Cannot read job file: Cannot parse cron expression: "),
        cron.getMessage());
    assertTrue(cron.getMessage().endsWith("(61 * * * *) (c.yml)"), cron.getMessage());
    DpException zone =
        assertThrows(
            DpException.class,
            () ->
                JobParser.parse(
                    "steps: [{sql: select 1}]\nschedule: {cron: \"0 6 * * *\", timezone: Mars/Base}\n",
                    "d.yml"));
    assertEquals(
        "Cannot read job file: Cannot use time zone: unknown zone id (Mars/Base) (d.yml)",
        zone.getMessage());
  }

  @Test
  void refusesBadDurationsAndUrls() {
    DpException duration =
        assertThrows(DpException.class, () -> JobParser.parse("steps: [{sleep: soon}]\n", "e.yml"));
    assertEquals(
        "Cannot read job file: Cannot read sleep step: expected a duration such as 30s, 5m or 2h"
            + " (soon) (e.yml)",
        duration.getMessage());
    DpException url =
        assertThrows(
            DpException.class,
            () -> JobParser.parse("steps: [{webhook: {url: \"ftp://x/y\"}}]\n", "f.yml"));
    assertEquals(
        "Cannot read job file: steps[1].webhook.url must be an http(s) URL (ftp://x/y) (f.yml)",
        url.getMessage());
  }

  @Test
  void refusesDuplicateJobNamesAcrossFiles(@org.junit.jupiter.api.io.TempDir Path folder)
      throws Exception {
    java.nio.file.Files.writeString(
        folder.resolve("a.yml"), "name: same\nsteps: [{sql: select 1}]\n");
    java.nio.file.Files.writeString(
        folder.resolve("b.yml"), "name: same\nsteps: [{sql: select 2}]\n");
    DpException error = assertThrows(DpException.class, () -> JobCatalog.load(folder));
    assertEquals(
        "Cannot read job file: job same is also defined in "
            + folder.resolve("a.yml")
            + " ("
            + folder.resolve("b.yml")
            + ")",
        error.getMessage());
  }
}

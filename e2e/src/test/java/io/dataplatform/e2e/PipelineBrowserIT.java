package io.dataplatform.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's Chromium, driven by playwright-core, uses the connections, transform and orchestration
 * pages of a running {@code dp demo}: creates a PostgreSQL connection from the form generated from
 * the connector's spec, tests it, picks a stream and syncs it; builds the demo's dbt project and
 * reads a model's documentation, compiled SQL and run timing; finds a mart in the asset graph, runs
 * the demo job with its live log and toggles its schedule; reloads the pipelines folder after two
 * jobs are added to it, backfills five days of the partitioned one, and re-executes a failed run of
 * the other from its failed step once the table it missed exists.
 */
class PipelineBrowserIT {
  @TempDir Path directory;

  @Test
  void connectionsTransformAndOrchestrationPagesWorkOnTheDemo() throws Exception {
    BrowserScripts browser = BrowserScripts.install(Duration.ofSeconds(300));
    int postgresPort = DpProcess.freePort();
    Path data = directory.resolve("data");
    try (DpProcess dp =
        DpProcess.start(
            data,
            List.of("demo", "--demo-postgres-port", Integer.toString(postgresPort)),
            Map.of(),
            Duration.ofMinutes(4))) {
      Path screenshots = Files.createDirectories(directory.resolve("screenshots"));
      String settings =
          "{\"host\":\"127.0.0.1\",\"port\":"
              + postgresPort
              + ",\"database\":\"shop\",\"user\":\"shop\",\"password\":\"shop-demo\"}";
      browser.runAgainst(
          dp, screenshots, "connections.mjs", "postgres", settings, "public.products");
      browser.runAgainst(
          dp,
          screenshots,
          "transform.mjs",
          data.resolve("demo/projects/demo").toAbsolutePath().toString(),
          "model.demo_shop.dim_customers");
      Path pipelines = data.resolve("demo/pipelines");
      Files.writeString(
          pipelines.resolve("browser_daily.yml"),
          "name: browser_daily\nsteps:\n  - sql: \"select '{{partition_start}}' as first_day,"
              + " '{{partition_end}}' as last_day\"\n    name: read\n"
              + "partitions: {daily: {start: 2026-01-01}}\nbackfill: {max_runs: 3}\n");
      Files.writeString(
          pipelines.resolve("browser_gate.yml"),
          "name: browser_gate\nsteps:\n  - sql: create schema if not exists browser\n"
              + "    name: prepare\n  - sql: select * from browser.gate\n    name: check\n");
      browser.runAgainst(
          dp,
          screenshots,
          "orchestration.mjs",
          "shop_pipeline",
          "marts.dim_customers",
          "browser_daily",
          "browser_gate");
    }
  }
}

package io.dataplatform.server.cli;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.ingest.connection.ConnectionFiles;
import io.dataplatform.orchestrator.run.Run;
import io.dataplatform.orchestrator.run.RunStatus;
import io.dataplatform.server.Platform;
import io.dataplatform.server.config.ConfigKey;
import io.dataplatform.server.config.ServerConfig;
import io.dataplatform.server.demo.DemoCredentials;
import io.dataplatform.server.demo.DemoFiles;
import io.dataplatform.server.demo.DemoSummary;
import io.dataplatform.server.demo.ShopDatabase;
import io.dataplatform.server.demo.ShopTrickle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dp demo}: the platform with the reference pipeline. A shop database on an embedded
 * PostgreSQL is replicated by change data capture into {@code raw}, a dbt project builds staging
 * views and marts from it, and a job scheduled every minute does both; the demo runs the job once,
 * prints a summary and keeps running, with new orders arriving at the shop.
 */
@Command(name = "demo", description = "Start the platform with the demo shop pipeline.")
public final class DemoCommand implements Runnable {
  @Mixin ServerOptions options;

  @Option(
      names = "--demo-postgres-port",
      paramLabel = "PORT",
      description = "Port of the demo's PostgreSQL server (default 15432)")
  int postgresPort = 15432;

  @Option(
      names = "--order-interval",
      paramLabel = "SECONDS",
      description = "Seconds between new orders at the demo shop (default 10)")
  int orderInterval = 10;

  @Override
  public void run() {
    ServerConfig base = options.load();
    Path demo = base.dataDirectory().resolve("demo");
    Path projects = demo.resolve("projects");
    Path pipelines = demo.resolve("pipelines");
    DemoFiles.install(projects, pipelines);
    Map<ConfigKey, String> settings = new EnumMap<>(ConfigKey.class);
    settings.put(ConfigKey.PIPELINES_DIR, pipelines.toString());
    settings.put(ConfigKey.TRANSFORM_PROJECTS_DIR, projects.toString());
    DemoCredentials credentials = DemoCredentials.load(demo, base.adminPassword());
    settings.put(ConfigKey.ADMIN_PASSWORD, credentials.password());
    ServerConfig config = options.load(settings);
    System.out.println(
        "dp: starting the demo shop database (PostgreSQL on port " + postgresPort + ")");
    // the order generator, then the database, stop after the platform (whose CDC reader follows
    // the database) has closed, or at once when the platform did not start
    Deque<AutoCloseable> parts = new ConcurrentLinkedDeque<>();
    CompletableFuture<ShopDatabase> shop =
        CompletableFuture.supplyAsync(
            () -> {
              ShopDatabase database = ShopDatabase.start(demo.resolve("postgres"), postgresPort);
              parts.addLast(database::close);
              return database;
            });
    try {
      UpCommand.serve(
          config,
          platform -> runPipeline(platform, shop.join(), credentials, parts),
          () -> stopDemo(shop, parts));
    } catch (RuntimeException | Error e) {
      if (!UpCommand.isServing()) {
        stopDemo(shop, parts);
      }
      throw e;
    }
  }

  /** Stops the demo's parts, last started first; a database still starting once it started. */
  private static void stopDemo(CompletableFuture<ShopDatabase> shop, Deque<AutoCloseable> parts) {
    shop.handle((database, failure) -> database).join();
    closeAll(parts);
  }

  private static void closeAll(Deque<AutoCloseable> parts) {
    for (AutoCloseable part = parts.pollFirst(); part != null; part = parts.pollFirst()) {
      try {
        part.close();
      } catch (Exception e) {
        System.err.println("dp: could not stop part of the demo: " + e.getMessage());
      }
    }
  }

  private void runPipeline(
      Platform platform,
      ShopDatabase shop,
      DemoCredentials credentials,
      Deque<AutoCloseable> parts) {
    Map<String, String> environment =
        Map.of(
            "DEMO_POSTGRES_PORT",
            Integer.toString(shop.port()),
            "DEMO_POSTGRES_PASSWORD",
            ShopDatabase.PASSWORD);
    platform
        .ingest()
        .connections()
        .apply(
            ConnectionFiles.parse(
                DemoFiles.connectionYaml(), name -> Optional.ofNullable(environment.get(name))));
    System.out.println(
        "dp: running job " + DemoFiles.JOB + " once (sync shop, build the dbt project)");
    Run run =
        platform.orchestrator().submit(DemoFiles.JOB, Optional.empty(), "demo", "first demo run");
    Run finished = await(platform, run.id(), Duration.ofMinutes(10));
    ShopTrickle trickle = ShopTrickle.start(shop, Duration.ofSeconds(Math.max(1, orderInterval)));
    parts.addFirst(trickle::close);
    DemoSummary.print(platform, finished, credentials, System.out);
  }

  private static Run await(Platform platform, long runId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Run run = platform.orchestrator().run(runId);
      if (run.status() == RunStatus.SUCCEEDED
          || run.status() == RunStatus.FAILED
          || run.status() == RunStatus.CANCELED) {
        return run;
      }
      if (System.nanoTime() > deadline) {
        throw new DpException(
            StandardErrorCode.EXTERNAL_FAILURE,
            "Cannot finish the demo job: run "
                + runId
                + " still "
                + run.status()
                + " after "
                + timeout);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DpException(
            StandardErrorCode.INTERNAL_ERROR, "Cannot wait for the demo job: interrupted");
      }
    }
  }
}

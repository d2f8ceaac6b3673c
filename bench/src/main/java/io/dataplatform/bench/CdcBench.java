package io.dataplatform.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Change data capture from PostgreSQL into the lake: the snapshot of a keyed table through a
 * connection in {@code mode: cdc}, then, while the next CDC sync follows the change log, numbered
 * transactions of updates at the source against a poller that asks the lake for the highest batch
 * number it shows. Prints the sustained rate (changes over the time from the first source commit to
 * the last batch visible, target 20,000/s), the delay from each transaction's commit to its
 * visibility (target p95 at most 3 s at the default commit interval of 1 s), and whether the lake's
 * rows agree with the source's at the end. Never fails on timing.
 *
 * <pre>
 * mvn -B -q -o -DskipTests package -pl server -am
 * mvn -B -q -o -Pbench -pl bench compile exec:exec@cdc -Dbench.args="--rows 100000 --updates 100000"
 * </pre>
 */
public final class CdcBench {
  static final String CONNECTION = "bench-cdc";
  private static final String TABLE = "raw.items";
  private static final Duration SLOT_TIMEOUT = Duration.ofMinutes(6);
  private static final Duration SNAPSHOT_TIMEOUT = Duration.ofMinutes(30);

  /** The benchmark's settings, from its command line. */
  record Options(
      Path serverJar,
      Path work,
      long rows,
      int updates,
      int batchRows,
      double rate,
      Duration pollInterval,
      Duration catchUpTimeout,
      String commitInterval) {
    Options {
      requireNonNull(serverJar, "serverJar");
      requireNonNull(work, "work");
      requireNonNull(pollInterval, "pollInterval");
      requireNonNull(catchUpTimeout, "catchUpTimeout");
      if (batchRows < 1 || updates < batchRows || updates % batchRows != 0) {
        throw new IllegalArgumentException(
            "Cannot run the CDC bench: --updates must be a positive multiple of --batch-rows ("
                + updates
                + ", "
                + batchRows
                + ")");
      }
      if (updates > rows) {
        // a batch is complete when all its rows carry its number: no row may be updated twice
        throw new IllegalArgumentException(
            "Cannot run the CDC bench: --updates must not exceed --rows ("
                + updates
                + ", "
                + rows
                + ")");
      }
    }

    int batches() {
      return updates / batchRows;
    }

    static Options parse(String[] arguments) {
      Path serverJar = Path.of("../server/target/dp-server.jar");
      Path work = Path.of("data/cdc");
      long rows = 100_000;
      int updates = 100_000;
      int batchRows = 1_000;
      double rate = 0;
      long pollMillis = 100;
      long catchUpSeconds = 600;
      String commitInterval = "";
      for (int i = 0; i < arguments.length; i++) {
        switch (arguments[i]) {
          case "--server-jar" -> serverJar = Path.of(arguments[++i]);
          case "--data" -> work = Path.of(arguments[++i]);
          case "--rows" -> rows = Long.parseLong(arguments[++i]);
          case "--updates" -> updates = Integer.parseInt(arguments[++i]);
          case "--batch-rows" -> batchRows = Integer.parseInt(arguments[++i]);
          case "--rate" -> rate = Double.parseDouble(arguments[++i]);
          case "--poll-ms" -> pollMillis = Long.parseLong(arguments[++i]);
          case "--catch-up-timeout" -> catchUpSeconds = Long.parseLong(arguments[++i]);
          case "--commit-interval" -> commitInterval = arguments[++i];
          default -> throw new IllegalArgumentException("Cannot read argument " + arguments[i]);
        }
      }
      return new Options(
          serverJar,
          work,
          rows,
          updates,
          batchRows,
          rate,
          Duration.ofMillis(pollMillis),
          Duration.ofSeconds(catchUpSeconds),
          commitInterval);
    }
  }

  private CdcBench() {}

  public static void main(String[] arguments) throws Exception {
    Options options = Options.parse(arguments);
    TransformBench.delete(options.work());
    CdcSource source = new CdcSource(options.rows());
    long created = System.nanoTime();
    source.create();
    System.out.printf(
        "source: %,d rows in %s.items, created in %.1f s%n",
        options.rows(), CdcSource.DATABASE, (System.nanoTime() - created) / 1e9);
    PlatformProcess.Launch launch =
        options.commitInterval().isEmpty()
            ? PlatformProcess.Launch.DEFAULT
            : new PlatformProcess.Launch(
                List.of(), Map.of("DP_INGEST_COMMIT_INTERVAL", options.commitInterval()));
    try (PlatformProcess platform =
        PlatformProcess.start(options.serverJar(), options.work().resolve("platform"), launch)) {
      System.out.printf(
          "platform: pid %d, healthy after %.1f s, log %s%n",
          platform.pid(), platform.startupMillis() / 1e3, platform.log());
      PlatformApi api = new PlatformApi(platform);
      api.applyConnection(CONNECTION, connectionYaml());
      snapshot(api, platform, options);
      CdcFigures figures = follow(api, platform, source, options);
      List<String> report = figures.report(options);
      report.forEach(System.out::println);
      api.deleteConnection(CONNECTION);
    } finally {
      source.dropDatabase();
    }
  }

  private static String connectionYaml() {
    return "name: "
        + CONNECTION
        + "\nsource:\n  type: postgres\n  host: 127.0.0.1\n  port: 5432\n  database: "
        + CdcSource.DATABASE
        + "\n  user: dp\n  password: dp\ndestination:\n  namespace: raw\n"
        + "streams:\n  - name: public.items\n    mode: cdc\n";
  }

  private static void snapshot(PlatformApi api, PlatformProcess platform, Options options)
      throws Exception {
    long started = System.nanoTime();
    String id = api.startSync(CONNECTION);
    JsonNode state = api.awaitSuccess(id, SNAPSHOT_TIMEOUT);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "snapshot sync %s: SUCCEEDED in %.1f s (of which the idle stop, 5 s), %s records committed,"
            + " lake rows %s%n",
        id, seconds, state.path("recordsCommitted").asText(), lakeChecksum(platform).count());
    if (state.path("recordsCommitted").asLong() != options.rows()) {
      System.out.println("  WARNING: the snapshot committed a different number of records");
    }
  }

  /** The CDC sync, the updates and the poller; syncs that stop early are followed by new ones. */
  private static CdcFigures follow(
      PlatformApi api, PlatformProcess platform, CdcSource source, Options options)
      throws Exception {
    List<String> syncs = new ArrayList<>();
    syncs.add(api.startSync(CONNECTION));
    String first = syncs.get(0);
    Duration toSlot = source.awaitActiveSlot(SLOT_TIMEOUT, () -> syncStillRunning(api, first));
    System.out.printf(
        "CDC sync %s: change reader active after %.1f s%n", first, toSlot.toMillis() / 1e3);
    Connection lake = platform.openFlightSql();
    try (VisibilityPoller poller =
        VisibilityPoller.start(
            lake, TABLE, options.pollInterval(), options.batches(), options.batchRows())) {
      long applyStarted = System.nanoTime();
      // the updates run beside the watch of the syncs, so a sync that ends meanwhile is followed
      CompletableFuture<long[]> applying =
          CompletableFuture.supplyAsync(
              () -> apply(source, options), Executors.newSingleThreadExecutor(daemon()));
      long deadline = Long.MAX_VALUE;
      while (!(applying.isDone() && poller.awaitAll(Duration.ofSeconds(1)))
          && System.nanoTime() < deadline) {
        if (applying.isDone() && deadline == Long.MAX_VALUE) {
          deadline = System.nanoTime() + options.catchUpTimeout().toNanos();
          System.out.printf(
              "source: %,d updates in %,d transactions applied in %.1f s; lake shows batch %d"
                  + " so far%n",
              options.updates(),
              options.batches(),
              (applying.join()[options.batches()] - applyStarted) / 1e9,
              poller.highestSeen());
        }
        if (!applying.isDone()) {
          Thread.sleep(1000);
        }
        String current = syncs.get(syncs.size() - 1);
        if (!syncStillRunning(api, current)) {
          System.out.printf(
              "CDC sync %s ended (%s) at batch %d; starting another%n",
              current, api.sync(current).path("status").asText(), poller.highestSeen());
          syncs.add(api.startSync(CONNECTION));
        }
      }
      long[] commits = applying.join();
      CdcSource.Checksum sourceSum = source.checksum();
      CdcSource.Checksum lakeSum = lakeChecksum(platform);
      JsonNode last = api.awaitEnd(syncs.get(syncs.size() - 1), Duration.ofMinutes(10));
      return new CdcFigures(
          applyStarted,
          commits,
          poller.visibleAt(),
          poller.roundTrips(),
          poller.partialAnswers(),
          poller.errors(),
          sourceSum,
          lakeSum,
          syncs,
          last);
    }
  }

  private static long[] apply(CdcSource source, Options options) {
    try {
      return source.applyUpdates(options.batches(), options.batchRows(), options.rate());
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("Cannot apply the updates: " + e.getMessage(), e);
    }
  }

  private static ThreadFactory daemon() {
    return runnable -> {
      Thread thread = new Thread(runnable, "source-updates");
      thread.setDaemon(true);
      return thread;
    };
  }

  private static boolean syncStillRunning(PlatformApi api, String id) {
    try {
      return PlatformApi.running(api.sync(id));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cannot read the sync's state: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static CdcSource.Checksum lakeChecksum(PlatformProcess platform) throws Exception {
    try (Connection lake = platform.openFlightSql()) {
      return CdcSource.Checksum.query(lake, String.format(CdcSource.CHECKSUM, TABLE));
    }
  }
}

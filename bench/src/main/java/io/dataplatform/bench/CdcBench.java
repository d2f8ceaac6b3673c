package io.dataplatform.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Change data capture from PostgreSQL into the lake: the snapshot of a keyed table through a
 * connection in {@code mode: cdc}, then, while the next CDC sync follows the change log, numbered
 * transactions of updates at the source against a poller that asks the lake which batches it shows
 * complete. A warm-up round of updates runs first, so the measured round sees a server whose change
 * path the JIT has compiled (a running platform's steady state); its figures are printed too. The
 * measured round starts once the platform is idle, in the same CDC sync: the platform runs with a
 * CDC idle stop of {@value #IDLE_STOP}, longer than that pause. Prints the sustained rate (changes
 * over the time from the first source commit to the last batch visible, target 20,000/s), the delay
 * from each transaction's commit to its visibility (target p95 at most 3 s at the default commit
 * interval of 1 s), and whether the lake's rows agree with the source's at the end of each round.
 * Never fails on timing.
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

  /**
   * The platform's CDC idle stop: long enough that the sync of the warm-up round still runs when
   * the measured round starts after the pause for an idle platform (the default, 5 s, is not).
   */
  static final String IDLE_STOP = "20s";

  /** Warm-up rounds before the measured one unless {@code --warm-up-rounds} says otherwise. */
  static final int DEFAULT_WARM_UP_ROUNDS = 4;

  /** The share of one core below which the platform counts as idle between the rounds. */
  private static final double IDLE_SHARE = 0.1;

  /** The benchmark's settings, from its command line. */
  record Options(
      Path serverJar,
      Path work,
      long rows,
      int updates,
      int warmUpUpdates,
      int batchRows,
      double rate,
      Duration pollInterval,
      Duration catchUpTimeout,
      String commitInterval,
      Duration settle,
      int warmUpRounds,
      String snapshotMethod) {
    Options {
      requireNonNull(serverJar, "serverJar");
      requireNonNull(work, "work");
      requireNonNull(pollInterval, "pollInterval");
      requireNonNull(catchUpTimeout, "catchUpTimeout");
      requireNonNull(settle, "settle");
      if (!snapshotMethod.equals("copy") && !snapshotMethod.equals("debezium")) {
        throw new IllegalArgumentException(
            "Cannot run the CDC bench: --snapshot must be copy or debezium ("
                + snapshotMethod
                + ")");
      }
      if (warmUpRounds < 0) {
        throw new IllegalArgumentException(
            "Cannot run the CDC bench: --warm-up-rounds must not be negative ("
                + warmUpRounds
                + ")");
      }
      if (batchRows < 1 || updates < batchRows || updates % batchRows != 0) {
        throw new IllegalArgumentException(
            "Cannot run the CDC bench: --updates must be a positive multiple of --batch-rows ("
                + updates
                + ", "
                + batchRows
                + ")");
      }
      if (warmUpUpdates < 0 || warmUpUpdates % batchRows != 0) {
        throw new IllegalArgumentException(
            "Cannot run the CDC bench: --warm-up-updates must be a multiple of --batch-rows ("
                + warmUpUpdates
                + ", "
                + batchRows
                + ")");
      }
      if (Math.max(updates, warmUpUpdates) > rows) {
        // a batch is complete when all its rows carry its number: no row may be updated twice
        throw new IllegalArgumentException(
            "Cannot run the CDC bench: --updates and --warm-up-updates must not exceed --rows ("
                + Math.max(updates, warmUpUpdates)
                + ", "
                + rows
                + ")");
      }
    }

    int batches() {
      return updates / batchRows;
    }

    /** Batches of each warm-up round ({@code 0} when there is none). */
    int warmUpBatches() {
      return warmUpRounds == 0 ? 0 : warmUpUpdates / batchRows;
    }

    static Options parse(String[] arguments) {
      Path serverJar = Path.of("../server/target/dp-server.jar");
      Path work = Path.of("data/cdc");
      long rows = 100_000;
      int updates = 100_000;
      int warmUpUpdates = -1;
      int batchRows = 1_000;
      double rate = 0;
      long pollMillis = 100;
      long catchUpSeconds = 600;
      String commitInterval = "";
      long settleSeconds = 60;
      // a fresh platform's JIT is still compiling the change path in its second to fourth bursts
      // (bench/README.md); from the fifth on, rounds cost the same, which is what is measured
      int warmUpRounds = DEFAULT_WARM_UP_ROUNDS;
      String snapshotMethod = "copy";
      for (int i = 0; i < arguments.length; i++) {
        switch (arguments[i]) {
          case "--server-jar" -> serverJar = Path.of(arguments[++i]);
          case "--data" -> work = Path.of(arguments[++i]);
          case "--rows" -> rows = Long.parseLong(arguments[++i]);
          case "--updates" -> updates = Integer.parseInt(arguments[++i]);
          case "--warm-up-updates" -> warmUpUpdates = Integer.parseInt(arguments[++i]);
          case "--batch-rows" -> batchRows = Integer.parseInt(arguments[++i]);
          case "--rate" -> rate = Double.parseDouble(arguments[++i]);
          case "--poll-ms" -> pollMillis = Long.parseLong(arguments[++i]);
          case "--catch-up-timeout" -> catchUpSeconds = Long.parseLong(arguments[++i]);
          case "--commit-interval" -> commitInterval = arguments[++i];
          case "--settle" -> settleSeconds = Long.parseLong(arguments[++i]);
          case "--warm-up-rounds" -> warmUpRounds = Integer.parseInt(arguments[++i]);
          case "--snapshot" -> snapshotMethod = arguments[++i];
          default -> throw new IllegalArgumentException("Cannot read argument " + arguments[i]);
        }
      }
      return new Options(
          serverJar,
          work,
          rows,
          updates,
          warmUpUpdates == -1 ? updates : warmUpUpdates,
          batchRows,
          rate,
          Duration.ofMillis(pollMillis),
          Duration.ofSeconds(catchUpSeconds),
          commitInterval,
          Duration.ofSeconds(settleSeconds),
          warmUpRounds,
          snapshotMethod);
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
    Map<String, String> environment = new HashMap<>();
    environment.put("DP_INGEST_CDC_IDLE_STOP", IDLE_STOP);
    if (!options.commitInterval().isEmpty()) {
      environment.put("DP_INGEST_COMMIT_INTERVAL", options.commitInterval());
    }
    PlatformProcess.Launch launch = new PlatformProcess.Launch(List.of(), environment);
    try (PlatformProcess platform =
        PlatformProcess.start(options.serverJar(), options.work().resolve("platform"), launch)) {
      System.out.printf(
          "platform: pid %d, healthy after %.1f s, log %s%n",
          platform.pid(), platform.startupMillis() / 1e3, platform.log());
      PlatformApi api = new PlatformApi(platform);
      api.applyConnection(CONNECTION, connectionYaml(options.snapshotMethod()));
      snapshot(api, platform, options);
      List<String> syncs = new ArrayList<>();
      int nextBatch = 1;
      for (int warmUpRound = 1;
          warmUpRound <= options.warmUpRounds() && options.warmUpBatches() > 0;
          warmUpRound++) {
        CdcFigures warmUp =
            round(api, platform, source, options, syncs, nextBatch, options.warmUpBatches(), false);
        String name =
            options.warmUpRounds() == 1 ? "warm-up round" : "warm-up round " + warmUpRound;
        warmUp.summary(name, options.batchRows()).forEach(System.out::println);
        nextBatch += options.warmUpBatches();
        settle(platform, options.settle());
      }
      System.out.printf(
          "host check before the measured round: fixed work in %.0f ms (lower is faster)%n",
          HostCheck.millis());
      CdcFigures figures =
          round(api, platform, source, options, syncs, nextBatch, options.batches(), true);
      System.out.printf(
          "host check after the measured round: fixed work in %.0f ms%n", HostCheck.millis());
      List<String> report = figures.report(options);
      report.forEach(System.out::println);
      api.deleteConnection(CONNECTION);
    } finally {
      source.dropDatabase();
    }
  }

  /**
   * Lets the platform finish the warm-up round's work (its last commit, the checksum queries, the
   * JIT compilers' queue) before the measured round, so that round starts from a quiet platform.
   */
  private static void settle(PlatformProcess platform, Duration timeout) throws Exception {
    if (timeout.isZero()) {
      return;
    }
    Duration waited = platform.awaitIdle(IDLE_SHARE, timeout);
    System.out.printf(
        "platform %s after %.1f s (below %.0f %% of a core over a second)%n",
        waited.equals(timeout) ? "still busy" : "idle", waited.toMillis() / 1e3, IDLE_SHARE * 100);
  }

  private static String connectionYaml(String snapshotMethod) {
    return "name: "
        + CONNECTION
        + "\nsource:\n  type: postgres\n  host: 127.0.0.1\n  port: 5432\n  database: "
        + CdcSource.DATABASE
        + "\n  user: dp\n  password: dp\n  cdc_snapshot: "
        + snapshotMethod
        + "\ndestination:\n  namespace: raw\n"
        + "streams:\n  - name: public.items\n    mode: cdc\n";
  }

  private static void snapshot(PlatformApi api, PlatformProcess platform, Options options)
      throws Exception {
    long started = System.nanoTime();
    String id = api.startSync(CONNECTION);
    JsonNode state = api.awaitSuccess(id, SNAPSHOT_TIMEOUT);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "snapshot sync %s (%s): SUCCEEDED in %.1f s (it ends once no change came for the idle"
            + " stop), %s records committed, lake rows %s%n",
        id,
        options.snapshotMethod(),
        seconds,
        state.path("recordsCommitted").asText(),
        lakeChecksum(platform).count());
    // the sync's own log: from its start to the commit of its last snapshot row
    Instant start = null;
    Instant lastCommit = null;
    for (JsonNode line : state.path("log")) {
      String text = line.asText();
      Instant at = Instant.parse(text.substring(0, text.indexOf(' ')));
      start = start == null ? at : start;
      if (text.contains(" Committed ")) {
        lastCommit = at;
      }
    }
    if (start != null && lastCommit != null) {
      double committed = Duration.between(start, lastCommit).toMillis() / 1e3;
      System.out.printf(
          "  every row committed %.1f s after the sync started: %,.0f rows/s%n",
          committed, options.rows() / Math.max(0.001, committed));
    }
    if (state.path("recordsCommitted").asLong() != options.rows()) {
      System.out.println("  WARNING: the snapshot committed a different number of records");
    }
  }

  /**
   * One round: batches {@code firstBatch} on applied at the source while the poller watches the
   * lake; a sync that ends meanwhile is followed by a new one. The last round waits for its sync to
   * end; an earlier one leaves it running for the next.
   */
  private static CdcFigures round(
      PlatformApi api,
      PlatformProcess platform,
      CdcSource source,
      Options options,
      List<String> syncs,
      int firstBatch,
      int batches,
      boolean last)
      throws Exception {
    if (syncs.isEmpty() || !syncStillRunning(api, syncs.get(syncs.size() - 1))) {
      syncs.add(api.startSync(CONNECTION));
      String current = syncs.get(syncs.size() - 1);
      Duration toSlot = source.awaitActiveSlot(SLOT_TIMEOUT, () -> syncStillRunning(api, current));
      System.out.printf(
          "CDC sync %s: change reader active after %.1f s%n", current, toSlot.toMillis() / 1e3);
    }
    int syncsBefore = syncs.size() - 1;
    Connection lake = platform.openFlightSql();
    try (VisibilityPoller poller =
        VisibilityPoller.start(
            lake, TABLE, options.pollInterval(), firstBatch - 1, batches, options.batchRows())) {
      Duration cpuBefore = platform.cpuTime();
      long applyStarted = System.nanoTime();
      // the updates run beside the watch of the syncs, so a sync that ends meanwhile is followed
      CompletableFuture<long[]> applying =
          CompletableFuture.supplyAsync(
              () -> apply(source, options, firstBatch, batches),
              Executors.newSingleThreadExecutor(daemon()));
      long deadline = Long.MAX_VALUE;
      while (!(applying.isDone() && poller.awaitAll(Duration.ofSeconds(1)))
          && System.nanoTime() < deadline) {
        if (applying.isDone() && deadline == Long.MAX_VALUE) {
          deadline = System.nanoTime() + options.catchUpTimeout().toNanos();
          System.out.printf(
              "source: %,d updates in %,d transactions applied in %.1f s; lake shows %d of them"
                  + " so far%n",
              batches * options.batchRows(),
              batches,
              (applying.join()[batches] - applyStarted) / 1e9,
              poller.highestSeen());
        }
        if (!applying.isDone()) {
          Thread.sleep(1000);
        }
        String current = syncs.get(syncs.size() - 1);
        if (!syncStillRunning(api, current)) {
          System.out.printf(
              "CDC sync %s ended (%s) at batch %d of the round; starting another%n",
              current, api.sync(current).path("status").asText(), poller.highestSeen());
          syncs.add(api.startSync(CONNECTION));
        }
      }
      Duration platformCpu = platform.cpuTime().minus(cpuBefore);
      long[] commits = applying.join();
      CdcSource.Checksum sourceSum = source.checksum();
      CdcSource.Checksum lakeSum = lakeChecksum(platform);
      String current = syncs.get(syncs.size() - 1);
      JsonNode state = last ? api.awaitEnd(current, Duration.ofMinutes(10)) : api.sync(current);
      return new CdcFigures(
          applyStarted,
          commits,
          poller.visibleAt(),
          poller.roundTrips(),
          poller.partialAnswers(),
          poller.errors(),
          sourceSum,
          lakeSum,
          syncs.subList(syncsBefore, syncs.size()),
          state,
          platformCpu);
    }
  }

  private static long[] apply(CdcSource source, Options options, int firstBatch, int batches) {
    try {
      return source.applyUpdates(firstBatch, batches, options.batchRows(), options.rate());
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

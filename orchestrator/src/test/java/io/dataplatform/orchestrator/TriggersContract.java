package io.dataplatform.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.AssetKey;
import io.dataplatform.orchestrator.asset.AssetStatus;
import io.dataplatform.orchestrator.job.JobDefinition;
import io.dataplatform.orchestrator.run.Run;
import io.dataplatform.orchestrator.run.RunStatus;
import io.dataplatform.orchestrator.trigger.ObjectEventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Schedules, sensors, backfills and asset status on a real metastore. */
abstract class TriggersContract extends OrchestratorContract {
  @Test
  void firesADueScheduleOncePerTickAndNotWhenDisabled() {
    Orchestrator orchestrator =
        build(
            "node",
            2,
            ObjectEventSource.NONE,
            List.of(),
            job(
                "name: hourly\nsteps: [{sleep: 1ms}]\nschedule: {cron: \"0 * * * *\", timezone: Europe/Paris}\n"),
            job(
                "name: daily_parts\nsteps: [{sleep: 1ms}]\npartitions: {daily: {start: 2020-01-01}}\nschedule: {cron: \"0 6 * * *\", timezone: Europe/Paris}\n"));
    Instant start = Instant.parse("2026-06-30T03:30:00Z");
    assertEquals(0, orchestrator.scheduler().tick(start), "a new schedule starts from now");
    assertEquals(0, orchestrator.scheduler().tick(start.plusSeconds(60)));
    // 06:00 Paris is 04:00 UTC in summer: the hourly and the daily schedule both fire
    assertEquals(2, orchestrator.scheduler().tick(Instant.parse("2026-06-30T04:00:00Z")));
    List<Run> runs = orchestrator.runs(Optional.empty(), Optional.empty(), 10);
    assertEquals(2, runs.size(), runs.toString());
    Run daily =
        runs.stream().filter(run -> run.jobName().equals("daily_parts")).findFirst().orElseThrow();
    assertEquals(Optional.of("2026-06-29"), daily.partitionFrom(), "the day that just ended");
    assertEquals("schedule", daily.trigger());
    assertEquals(0, orchestrator.scheduler().tick(Instant.parse("2026-06-30T04:00:30Z")));
    orchestrator.disableSchedule("hourly");
    assertEquals(0, orchestrator.scheduler().tick(Instant.parse("2026-06-30T05:00:00Z")));
    assertFalse(orchestrator.triggerEnabled("schedule:hourly"));
  }

  @Test
  void startsOneHundredSchedulesDueInTheSameMinute() {
    List<JobDefinition> jobs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      jobs.add(job("name: job" + i + "\nsteps: [{sleep: 1ms}]\nschedule: \"0 0 1 1 *\"\n"));
    }
    Orchestrator orchestrator =
        build("node", 8, ObjectEventSource.NONE, List.of(), jobs.toArray(JobDefinition[]::new));
    // a yearly schedule whose last tick (1 January, 00:00 UTC) is due, so the real clock of the
    // started orchestrator finds nothing more to fire
    Instant tick =
        io.dataplatform.orchestrator.trigger.CronSchedule.parse(
                "0 0 1 1 *", java.time.ZoneOffset.UTC)
            .lastAtOrBefore(Instant.now())
            .orElseThrow();
    orchestrator.scheduler().tick(tick.minusSeconds(60));
    long started = System.nanoTime();
    assertEquals(100, orchestrator.scheduler().tick(tick));
    System.out.printf(
        "100 schedules enqueued in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    orchestrator.start();
    for (Run run : orchestrator.runs(Optional.empty(), Optional.empty(), 200)) {
      await(orchestrator, run.id(), RunStatus.SUCCEEDED);
    }
    assertEquals(
        100, orchestrator.runs(Optional.empty(), Optional.of(RunStatus.SUCCEEDED), 200).size());
  }

  @Test
  void anUpstreamMaterializationStartsTheDownstreamJob() {
    Orchestrator orchestrator =
        start(
            "node",
            4,
            ObjectEventSource.NONE,
            List.of(),
            job("name: upstream\nsteps:\n  - sleep: 1ms\n    assets: [raw.orders]\n"),
            job(
                "name: downstream\nsteps:\n  - sleep: 1ms\n    assets: [marts.orders]\n"
                    + "sensors:\n  - asset_materialized: [raw.orders]\n"
                    + "assets:\n  - {key: marts.orders, deps: [raw.orders]}\n"));
    sleep(300); // the sensor records its starting cursor
    Run upstream = await(orchestrator, submit(orchestrator, "upstream").id(), RunStatus.SUCCEEDED);
    Run downstream = awaitRunOf(orchestrator, "downstream");
    assertEquals("sensor", downstream.trigger());
    assertEquals("raw.orders materialized by run " + upstream.id(), downstream.triggerDetail());
    await(orchestrator, downstream.id(), RunStatus.SUCCEEDED);
    Map<String, AssetStatus> statuses = statuses(orchestrator);
    assertFalse(statuses.get("marts.orders").stale());
    assertEquals(Optional.of("downstream"), statuses.get("marts.orders").asset().job());
    // a new upstream materialization makes the downstream stale until it runs again
    orchestrator.disableSensor("downstream.asset_materialized");
    await(orchestrator, submit(orchestrator, "upstream").id(), RunStatus.SUCCEEDED);
    sleep(300);
    assertTrue(statuses(orchestrator).get("marts.orders").stale());
    assertEquals(1, orchestrator.runs(Optional.of("downstream"), Optional.empty(), 10).size());
  }

  @Test
  void aNewObjectStartsTheJobWatchingItsPrefix() {
    ObjectStore store = new ObjectStore();
    Orchestrator orchestrator = start("node", 2, store, List.of(), landingJob());
    store.put("landing", "customers/1.csv");
    store.put("other", "orders/1.csv");
    sleep(400);
    assertEquals(0, orchestrator.runs(Optional.of("landing"), Optional.empty(), 10).size());
    store.put("landing", "orders/1.csv");
    store.put("landing", "orders/2.csv");
    Run run = awaitRunOf(orchestrator, "landing");
    assertEquals("2 new objects in landing/orders/, last orders/2.csv", run.triggerDetail());
  }

  @Test
  void objectsWrittenWhileNoServerWatchedStartOneRunAfterTheRestart() {
    ObjectStore store = new ObjectStore();
    store.put("landing", "orders/0.csv");
    Orchestrator first = start("node", 2, store, List.of(), landingJob());
    sleep(400);
    store.put("landing", "orders/1.csv");
    assertEquals(
        "1 new objects in landing/orders/, last orders/1.csv",
        awaitRunOf(first, "landing").triggerDetail());
    first.close();
    // written while the server is down: no event reaches any sensor
    sleep(5);
    store.put("landing", "orders/2.csv");
    store.put("landing", "orders/3.csv");
    Orchestrator second = start("node", 2, store, List.of(), landingJob());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (second.runs(Optional.of("landing"), Optional.empty(), 10).size() < 2
        && System.nanoTime() < deadline) {
      sleep(50);
    }
    sleep(400);
    List<Run> runs = second.runs(Optional.of("landing"), Optional.empty(), 10);
    assertEquals(2, runs.size());
    assertEquals(
        "2 new objects in landing/orders/, last orders/3.csv", runs.get(0).triggerDetail());
  }

  private static JobDefinition landingJob() {
    return job(
        "name: landing\nsteps: [{sleep: 1ms}]\nsensors:\n"
            + "  - new_object: {bucket: landing, prefix: orders/}\n");
  }

  /** Objects with their times, and the listeners of the running sensors. */
  private static final class ObjectStore implements ObjectEventSource {
    private final List<NewObject> objects = new CopyOnWriteArrayList<>();
    private final List<Consumer<NewObject>> listeners = new CopyOnWriteArrayList<>();

    void put(String bucket, String key) {
      NewObject object = new NewObject(bucket, key, 1, Instant.now());
      objects.add(object);
      listeners.forEach(listener -> listener.accept(object));
    }

    @Override
    public AutoCloseable subscribe(Consumer<NewObject> listener) {
      listeners.add(listener);
      return () -> listeners.remove(listener);
    }

    @Override
    public List<NewObject> existing(String bucket, String prefix) {
      return objects.stream()
          .filter(object -> object.bucket().equals(bucket) && object.key().startsWith(prefix))
          .toList();
    }
  }

  @Test
  void aStaleAssetStartsItsJobOncePerLagPeriod() {
    Orchestrator orchestrator =
        start(
            "node",
            2,
            ObjectEventSource.NONE,
            List.of(),
            job(
                "name: fresh\nsteps:\n  - sleep: 1ms\n    assets: [marts.kpi]\nsensors:\n"
                    + "  - freshness: {asset: marts.kpi, max_lag: 1h}\n"));
    Run run = awaitRunOf(orchestrator, "fresh");
    assertEquals("marts.kpi was never materialized", run.triggerDetail());
    await(orchestrator, run.id(), RunStatus.SUCCEEDED);
    sleep(500);
    assertEquals(1, orchestrator.runs(Optional.of("fresh"), Optional.empty(), 10).size());
  }

  @Test
  void plansAndEnqueuesTenThousandDailyPartitionsInBoundedRuns() {
    Orchestrator orchestrator =
        build(
            "node",
            2,
            ObjectEventSource.NONE,
            List.of(),
            job(
                "name: history\nsteps: [{sleep: 1ms}]\npartitions: {daily: {start: 1990-01-01}}\nbackfill: {max_runs: 10000}\n"),
            job(
                "name: bounded\nsteps: [{sleep: 1ms}]\npartitions: {daily: {start: 1990-01-01}}\nbackfill: {max_runs: 40}\n"));
    String last = java.time.LocalDate.of(1990, 1, 1).plusDays(9_999).toString();
    long started = System.nanoTime();
    Orchestrator.Backfill backfill = orchestrator.backfill("history", "1990-01-01", last);
    System.out.printf(
        "10000 partitions planned and enqueued as %d runs in %d ms%n",
        backfill.runs(), (System.nanoTime() - started) / 1_000_000);
    assertEquals(10_000, backfill.partitions());
    assertEquals(
        10_000, orchestrator.runs(Optional.of("history"), Optional.empty(), 20_000).size());
    Orchestrator.Backfill bounded = orchestrator.backfill("bounded", "1990-01-01", last);
    assertEquals(40, bounded.runs());
    List<Run> runs = orchestrator.runs(Optional.of("bounded"), Optional.empty(), 100);
    assertEquals(40, runs.size());
    assertEquals(10_000, runs.stream().mapToInt(Run::partitionCount).sum());
    assertEquals(Optional.of(last), runs.get(0).partitionTo());
  }

  private static Map<String, AssetStatus> statuses(Orchestrator orchestrator) {
    return orchestrator.assetStatuses(orchestrator.assetGraph()).stream()
        .collect(Collectors.toMap(status -> status.asset().key().toString(), status -> status));
  }

  private static Run awaitRunOf(Orchestrator orchestrator, String job) {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < deadline) {
      List<Run> runs = orchestrator.runs(Optional.of(job), Optional.empty(), 10);
      if (!runs.isEmpty()) {
        return runs.get(runs.size() - 1);
      }
      sleep(20);
    }
    throw new AssertionError("no run of " + job + " started within 15 s");
  }

  static AssetKey key(String text) {
    return AssetKey.parse(text);
  }
}

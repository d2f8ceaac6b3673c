package io.dataplatform.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.AssetKey;
import io.dataplatform.lakehouse.Lakehouse;
import io.dataplatform.lakehouse.LakehouseConfig;
import io.dataplatform.lakehouse.sql.SqlSession;
import io.dataplatform.lakehouse.sql.StatementResult;
import io.dataplatform.metastore.Metastore;
import io.dataplatform.metastore.MetastoreConfig;
import io.dataplatform.metastore.QueryRecord;
import io.dataplatform.orchestrator.asset.AssetStatus;
import io.dataplatform.orchestrator.job.JobParser;
import io.dataplatform.orchestrator.run.Run;
import io.dataplatform.orchestrator.run.RunStatus;
import io.dataplatform.orchestrator.step.RefreshStepRunner;
import io.dataplatform.orchestrator.step.SqlStepRunner;
import io.dataplatform.orchestrator.trigger.ObjectEventSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQL and refresh steps on a real lakehouse: the example job of docs/orchestration.md. */
class SqlStepsIT extends OrchestratorContract {
  @TempDir Path directory;
  private Lakehouse lakehouse;

  @Override
  protected Metastore openMetastore() {
    Metastore opened = Metastore.open(MetastoreConfig.embedded(directory.resolve("data")));
    lakehouse = Lakehouse.open(LakehouseConfig.of(directory.resolve("warehouse")), opened);
    return opened;
  }

  @AfterEach
  void closeLakehouse() {
    lakehouse.close();
  }

  @Test
  void runsTheDocumentedJobForOnePartitionAndABackfill() throws Exception {
    String yaml = Files.readString(Path.of("src/test/resources/daily_revenue.yml"));
    Orchestrator orchestrator =
        start(
            "node",
            2,
            ObjectEventSource.NONE,
            List.of(new SqlStepRunner(lakehouse.sql()), new RefreshStepRunner(lakehouse.sql())),
            JobParser.parse(yaml, "daily_revenue.yml").job().orElseThrow(),
            job(
                "name: summary\nsteps:\n  - refresh: {view: demo.summary, sql: \"create or replace"
                    + " table demo.summary as select count(*) as days from demo.daily_orders\"}\n"
                    + "  - refresh: demo.summary\n"));
    Run one = orchestrator.submit("daily_revenue", Optional.of("2026-01-05"), "manual", "test");
    await(orchestrator, one.id(), RunStatus.SUCCEEDED);
    Orchestrator.Backfill backfill =
        orchestrator.backfill("daily_revenue", "2026-01-01", "2026-01-31");
    assertEquals(10, backfill.runs());
    for (Run run : orchestrator.runs(Optional.of("daily_revenue"), Optional.empty(), 20)) {
      await(orchestrator, run.id(), RunStatus.SUCCEEDED);
    }
    assertEquals(32, count("select count(*) from demo.daily_orders"));
    assertEquals(31, count("select count(distinct day) from demo.daily_orders"));
    assertEquals(1, count("select count(*) from demo.daily_orders where day = '2026-01-31'"));
    await(orchestrator, submit(orchestrator, "summary").id(), RunStatus.SUCCEEDED);
    assertEquals(32, count("select days from demo.summary"));
    AssetStatus daily =
        orchestrator.assetStatuses(orchestrator.assetGraph()).stream()
            .filter(status -> status.asset().key().equals(AssetKey.parse("demo.daily_orders")))
            .findFirst()
            .orElseThrow();
    assertFalse(daily.stale());
    assertEquals(Optional.of("2026-01-31"), daily.lastMaterialization().orElseThrow().partition());
  }

  @Test
  void cancelStopsTheRunningQueryInTheEngine() throws Exception {
    Orchestrator orchestrator =
        start(
            "node",
            2,
            ObjectEventSource.NONE,
            List.of(new SqlStepRunner(lakehouse.sql())),
            job(
                "name: heavy\nsteps:\n  - sql: \"select sum(a.range + b.range) from"
                    + " range(400000) a, range(400000) b\"\n    name: crunch\n"));
    Run run = submit(orchestrator, "heavy");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!events(orchestrator, run.id()).contains("STEP_STARTED[crunch] sql step 1")) {
      assertTrue(System.nanoTime() < deadline, "step never started: " + events(orchestrator, 1));
      sleep(20);
    }
    sleep(700);
    long canceledAt = System.nanoTime();
    assertEquals(RunStatus.RUNNING, orchestrator.cancel(run.id()));
    await(orchestrator, run.id(), RunStatus.CANCELED);
    assertTrue(
        System.nanoTime() - canceledAt < Duration.ofSeconds(2).toNanos(),
        "the run took more than 2 s to end after the cancel");
    List<String> events = events(orchestrator, run.id());
    assertTrue(
        events.contains("STEP_FAILED[crunch] canceled by request")
            && events.contains("RUN_CANCELED crunch: canceled by request"),
        events.toString());
    // The statement itself ended in the engine: its history record says it was canceled, long
    // before the query could have finished on its own.
    QueryRecord record = canceledQuery(canceledAt + Duration.ofSeconds(2).toNanos());
    assertEquals(
        Optional.of("Cannot run statement: it was canceled (canceled by request)"),
        record.errorMessage());
    assertEquals(6, count("select sum(range) from range(4)"));
  }

  private QueryRecord canceledQuery(long deadlineNanos) {
    while (true) {
      Optional<QueryRecord> found =
          metastore.queries().recent(Optional.of("orchestrator"), 10).stream()
              .filter(query -> query.sql().contains("range(400000)"))
              .findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      assertTrue(System.nanoTime() < deadlineNanos, "the canceled query is still running");
      sleep(20);
    }
  }

  private long count(String sql) throws Exception {
    try (StatementResult result =
        lakehouse.sql().execute(new SqlSession("test", "test"), sql, List.of())) {
      ResultSet rows = result.rows().orElseThrow();
      rows.next();
      return rows.getLong(1);
    }
  }
}

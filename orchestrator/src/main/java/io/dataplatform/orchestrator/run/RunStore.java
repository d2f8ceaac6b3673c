package io.dataplatform.orchestrator.run;

import static java.util.Objects.requireNonNull;

import io.dataplatform.metastore.Transactions;
import io.dataplatform.orchestrator.asset.MaterializationRepository;
import io.dataplatform.orchestrator.trigger.TriggerStateRepository;
import java.util.function.Function;
import javax.sql.DataSource;

/** The orchestrator's repositories over one metastore data source. */
public record RunStore(
    RunRepository runs,
    RunStepRepository steps,
    RunEventRepository events,
    MaterializationRepository materializations,
    TriggerStateRepository triggers,
    DataSource dataSource) {
  public RunStore {
    requireNonNull(runs, "runs");
    requireNonNull(steps, "steps");
    requireNonNull(events, "events");
    requireNonNull(materializations, "materializations");
    requireNonNull(triggers, "triggers");
    requireNonNull(dataSource, "dataSource");
  }

  public static RunStore of(DataSource dataSource) {
    return new RunStore(
        new RunRepository(dataSource),
        new RunStepRepository(dataSource),
        new RunEventRepository(dataSource),
        new MaterializationRepository(dataSource),
        new TriggerStateRepository(dataSource),
        dataSource);
  }

  /** Runs {@code work} on stores whose writes commit together in one transaction, or not at all. */
  public <T> T inTransaction(Function<RunStore, T> work) {
    requireNonNull(work, "work");
    return Transactions.run(dataSource, transactional -> work.apply(of(transactional)));
  }
}

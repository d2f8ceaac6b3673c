package io.dataplatform.orchestrator.run;

import static java.util.Objects.requireNonNull;

import io.dataplatform.orchestrator.asset.MaterializationRepository;
import io.dataplatform.orchestrator.trigger.TriggerStateRepository;
import javax.sql.DataSource;

/** The orchestrator's repositories over one metastore data source. */
public record RunStore(
    RunRepository runs,
    RunStepRepository steps,
    RunEventRepository events,
    MaterializationRepository materializations,
    TriggerStateRepository triggers) {
  public RunStore {
    requireNonNull(runs, "runs");
    requireNonNull(steps, "steps");
    requireNonNull(events, "events");
    requireNonNull(materializations, "materializations");
    requireNonNull(triggers, "triggers");
  }

  public static RunStore of(DataSource dataSource) {
    return new RunStore(
        new RunRepository(dataSource),
        new RunStepRepository(dataSource),
        new RunEventRepository(dataSource),
        new MaterializationRepository(dataSource),
        new TriggerStateRepository(dataSource));
  }
}

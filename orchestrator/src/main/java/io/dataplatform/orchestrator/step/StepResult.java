package io.dataplatform.orchestrator.step;

import io.dataplatform.api.AssetKey;
import java.util.List;

/**
 * What a step did.
 *
 * @param materialized the assets the step wrote (tables synced, models built); recorded as
 *     materializations of the run's partitions
 * @param logLines summary lines stored with the run after the step (e.g. rows per table)
 */
public record StepResult(List<AssetKey> materialized, List<String> logLines) {
  public static final StepResult EMPTY = new StepResult(List.of(), List.of());

  public StepResult {
    materialized = List.copyOf(materialized);
    logLines = List.copyOf(logLines);
  }
}

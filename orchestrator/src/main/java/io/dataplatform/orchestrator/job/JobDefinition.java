package io.dataplatform.orchestrator.job;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.AssetKey;
import io.dataplatform.api.DpException;
import io.dataplatform.orchestrator.asset.AssetDefinition;
import io.dataplatform.orchestrator.asset.PartitionDefinition;
import io.dataplatform.orchestrator.trigger.CronSchedule;
import io.dataplatform.orchestrator.trigger.SensorDefinition;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A job read from {@code pipelines/<name>.yml}: ordered steps, and when and how they run.
 *
 * @param timeout the longest one attempt may run; empty for no limit
 * @param maxConcurrentRuns how many runs of this job may run at once
 * @param backfillMaxRuns a backfill of this job is split into at most this many runs
 * @param onFailure called when a run failed for good (no attempt left)
 * @param assets assets this job declares (materialized by it unless they name another job)
 */
public record JobDefinition(
    String name,
    String description,
    List<Step> steps,
    Optional<CronSchedule> schedule,
    RetryPolicy retries,
    Optional<Duration> timeout,
    int maxConcurrentRuns,
    Optional<PartitionDefinition> partitions,
    int backfillMaxRuns,
    Optional<WebhookStep> onFailure,
    List<SensorDefinition> sensors,
    List<AssetDefinition> assets) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_\\-]{0,127}");

  public JobDefinition {
    checkName(name);
    requireNonNull(description, "description");
    steps = List.copyOf(steps);
    requireNonNull(schedule, "schedule");
    requireNonNull(retries, "retries");
    requireNonNull(timeout, "timeout");
    requireNonNull(partitions, "partitions");
    requireNonNull(onFailure, "onFailure");
    sensors = List.copyOf(sensors);
    assets = List.copyOf(assets);
    if (steps.isEmpty()) {
      throw DpException.user("Cannot define job: it has no steps (" + name + ")");
    }
    Set<String> names = new HashSet<>();
    for (Step step : steps) {
      if (!names.add(step.name())) {
        throw DpException.user(
            "Cannot define job: two steps are named " + step.name() + " (" + name + ")");
      }
    }
    if (maxConcurrentRuns < 1 || backfillMaxRuns < 1) {
      throw DpException.user(
          "Cannot define job: concurrency and backfill max_runs must be at least 1 (" + name + ")");
    }
  }

  public static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw DpException.user(
          "Cannot use job name: it holds only letters, digits, underscores and dashes ("
              + name
              + ")");
    }
    return name;
  }

  /** Every asset the job's steps or declarations say it materializes. */
  public Set<AssetKey> materializes() {
    Set<AssetKey> keys = new LinkedHashSet<>();
    for (Step step : steps) {
      keys.addAll(step.assets());
    }
    for (AssetDefinition asset : assets) {
      if (asset.job().map(name::equals).orElse(true)) {
        keys.add(asset.key());
      }
    }
    return keys;
  }

  public int stepIndex(String stepName) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).name().equals(stepName)) {
        return i;
      }
    }
    throw DpException.notFound(
        "Cannot find step: no such step in job " + name + " (" + stepName + ")");
  }
}

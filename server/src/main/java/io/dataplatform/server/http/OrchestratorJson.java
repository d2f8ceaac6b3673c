package io.dataplatform.server.http;

import io.dataplatform.orchestrator.asset.AssetStatus;
import io.dataplatform.orchestrator.asset.PartitionDefinition;
import io.dataplatform.orchestrator.job.Durations;
import io.dataplatform.orchestrator.job.JobDefinition;
import io.dataplatform.orchestrator.run.Run;
import io.dataplatform.orchestrator.run.RunEvent;
import io.dataplatform.orchestrator.run.StepRecord;
import io.dataplatform.orchestrator.trigger.SensorDefinition;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON shapes of the orchestration API. */
final class OrchestratorJson {
  private OrchestratorJson() {}

  static Map<String, Object> job(
      JobDefinition job, boolean scheduleEnabled, Optional<Instant> next) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", job.name());
    json.put("description", job.description());
    json.put(
        "steps",
        job.steps().stream()
            .map(step -> Map.of("name", step.name(), "kind", step.kind()))
            .toList());
    json.put(
        "schedule",
        job.schedule()
            .map(
                schedule -> {
                  Map<String, Object> value = new LinkedHashMap<>();
                  value.put("cron", schedule.expression());
                  value.put("timezone", schedule.zone().getId());
                  value.put("enabled", scheduleEnabled);
                  value.put("nextTick", next.map(Instant::toString).orElse(null));
                  return value;
                })
            .orElse(null));
    json.put("partitions", job.partitions().map(OrchestratorJson::partitions).orElse(null));
    json.put("maxAttempts", job.retries().maxAttempts());
    json.put("backoff", Durations.format(job.retries().backoff()));
    json.put("timeout", job.timeout().map(Durations::format).orElse(null));
    json.put("concurrency", job.maxConcurrentRuns());
    json.put("sensors", job.sensors().stream().map(SensorDefinition::name).toList());
    json.put("assets", job.materializes().stream().map(Object::toString).toList());
    return json;
  }

  private static String partitions(PartitionDefinition partitions) {
    if (partitions instanceof PartitionDefinition.Daily daily) {
      return "daily from " + daily.start();
    }
    if (partitions instanceof PartitionDefinition.Hourly hourly) {
      return "hourly from " + hourly.start();
    }
    return "static " + ((PartitionDefinition.Static) partitions).keys();
  }

  static Map<String, Object> run(Run run) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", run.id());
    json.put("job", run.jobName());
    json.put("status", run.status().name());
    json.put("attempt", run.attempt());
    json.put("maxAttempts", run.maxAttempts());
    json.put("trigger", run.trigger());
    json.put("triggerDetail", run.triggerDetail());
    json.put("partitionFrom", run.partitionFrom().orElse(null));
    json.put("partitionTo", run.partitionTo().orElse(null));
    json.put("partitionCount", run.partitionCount());
    json.put("backfillId", run.backfillId().isPresent() ? run.backfillId().getAsLong() : null);
    json.put("parentRunId", run.parentRunId().isPresent() ? run.parentRunId().getAsLong() : null);
    json.put("startStep", run.startStep());
    json.put("notBefore", run.notBefore().toString());
    json.put("createdAt", run.createdAt().toString());
    json.put("startedAt", run.startedAt().map(Instant::toString).orElse(null));
    json.put("endedAt", run.endedAt().map(Instant::toString).orElse(null));
    json.put("owner", run.owner().orElse(null));
    json.put("cancelRequested", run.cancelRequested());
    json.put("error", run.errorMessage().orElse(null));
    return json;
  }

  static Map<String, Object> step(StepRecord step) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("index", step.index());
    json.put("name", step.name());
    json.put("status", step.status());
    json.put("attempts", step.attempts());
    json.put("startedAt", step.startedAt().map(Instant::toString).orElse(null));
    json.put("endedAt", step.endedAt().map(Instant::toString).orElse(null));
    json.put("error", step.errorMessage().orElse(null));
    return json;
  }

  static Map<String, Object> event(RunEvent event) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", event.id());
    json.put("runId", event.runId());
    json.put("time", event.time().toString());
    json.put("kind", event.kind());
    json.put("step", event.step().orElse(null));
    json.put("message", event.message());
    return json;
  }

  static Map<String, Object> asset(AssetStatus status) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("key", status.asset().key().toString());
    json.put("kind", status.asset().kind());
    json.put("dependencies", status.asset().dependencies().stream().map(Object::toString).toList());
    json.put("description", status.asset().description());
    json.put("job", status.asset().job().orElse(null));
    json.put(
        "lastMaterialization",
        status.lastMaterialization().map(last -> last.time().toString()).orElse(null));
    json.put(
        "lastRunId", status.lastMaterialization().map(last -> (Object) last.runId()).orElse(null));
    json.put("stale", status.stale());
    json.put("running", status.running());
    return json;
  }

  static Map<String, Object> sensor(String job, SensorDefinition sensor, boolean enabled) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", sensor.name());
    json.put("job", job);
    json.put("enabled", enabled);
    if (sensor instanceof SensorDefinition.NewObject watch) {
      json.put("kind", "new_object");
      json.put("description", "new object in " + watch.bucket() + "/" + watch.prefix());
    } else if (sensor instanceof SensorDefinition.AssetMaterialized watch) {
      json.put("kind", "asset_materialized");
      json.put("description", "materialization of " + watch.assets());
    } else {
      SensorDefinition.Freshness watch = (SensorDefinition.Freshness) sensor;
      json.put("kind", "freshness");
      json.put("description", watch.asset() + " older than " + Durations.format(watch.maxLag()));
    }
    return json;
  }

  static List<Object> list(List<?> items) {
    return List.copyOf(items);
  }
}

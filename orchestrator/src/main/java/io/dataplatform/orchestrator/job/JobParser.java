package io.dataplatform.orchestrator.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataplatform.api.DpException;
import io.dataplatform.orchestrator.asset.AssetDefinition;
import io.dataplatform.orchestrator.asset.PartitionDefinition;
import io.dataplatform.orchestrator.trigger.CronSchedule;
import io.dataplatform.orchestrator.trigger.SensorDefinition;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one pipelines YAML file: a job (it has {@code steps}), or only asset declarations (a file
 * with just {@code assets}).
 */
public final class JobParser {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> JOB_KEYS =
      Set.of(
          "name",
          "description",
          "steps",
          "schedule",
          "retries",
          "timeout",
          "concurrency",
          "partitions",
          "backfill",
          "on_failure",
          "sensors",
          "assets");
  private static final Set<String> ASSET_KEYS = Set.of("key", "deps", "description", "job");
  private static final int DEFAULT_BACKFILL_RUNS = 100;

  private JobParser() {}

  /** What one file declares. */
  public record PipelineFile(Optional<JobDefinition> job, List<AssetDefinition> assets) {}

  /**
   * @param text the YAML
   * @param source the file name, used in messages and as the job name when {@code name} is absent
   */
  public static PipelineFile parse(String text, String source) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (IOException e) {
      String reason = e.getMessage().lines().findFirst().orElse("not YAML");
      throw DpException.user("Cannot read job file: " + reason + " (" + source + ")");
    }
    YamlFields job = new YamlFields(root, "job", source, JOB_KEYS);
    if (!job.has("steps")) {
      if (!job.has("assets") || job.has("name")) {
        throw job.error("a job needs steps; a file without steps declares only assets");
      }
      return new PipelineFile(Optional.empty(), assets(job, Optional.empty()));
    }
    String name = job.optionalText("name").orElse(baseName(source));
    try {
      JobDefinition.checkName(name);
    } catch (DpException e) {
      throw job.error(e.getMessage());
    }
    JobDefinition definition = build(job, name);
    return new PipelineFile(Optional.of(definition), definition.assets());
  }

  private static JobDefinition build(YamlFields job, String name) {
    try {
      return new JobDefinition(
          name,
          job.optionalText("description").orElse(""),
          StepParser.steps(job),
          schedule(job),
          retries(job),
          job.optionalText("timeout").map(text -> Durations.parse("job.timeout", text)),
          job.integer("concurrency", 1),
          partitions(job),
          job.has("backfill")
              ? job.mapping("backfill", Set.of("max_runs"))
                  .integer("max_runs", DEFAULT_BACKFILL_RUNS)
              : DEFAULT_BACKFILL_RUNS,
          onFailure(job),
          sensors(job, name),
          assets(job, Optional.of(name)));
    } catch (DpException e) {
      if (e.getMessage().startsWith("Cannot read job file:")) {
        throw e;
      }
      throw job.error(e.getMessage());
    }
  }

  private static String baseName(String source) {
    String file = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
    int dot = file.lastIndexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }

  private static Optional<CronSchedule> schedule(YamlFields job) {
    if (!job.has("schedule")) {
      return Optional.empty();
    }
    if (job.raw("schedule").isTextual()) {
      return Optional.of(CronSchedule.parse(job.raw("schedule").asText(), ZoneOffset.UTC));
    }
    YamlFields schedule = job.mapping("schedule", Set.of("cron", "timezone"));
    return Optional.of(
        CronSchedule.parse(
            schedule.text("cron"),
            CronSchedule.zone(schedule.optionalText("timezone").orElse("UTC"))));
  }

  private static RetryPolicy retries(YamlFields job) {
    if (!job.has("retries")) {
      return RetryPolicy.NONE;
    }
    YamlFields retries = job.mapping("retries", Set.of("max_attempts", "backoff", "max_backoff"));
    Duration backoff =
        Durations.parse("retries.backoff", retries.optionalText("backoff").orElse("30s"));
    Duration maxBackoff =
        retries
            .optionalText("max_backoff")
            .map(text -> Durations.parse("retries.max_backoff", text))
            .orElse(backoff.compareTo(Duration.ofHours(1)) > 0 ? backoff : Duration.ofHours(1));
    return new RetryPolicy(retries.integer("max_attempts", 3), backoff, maxBackoff);
  }

  private static Optional<PartitionDefinition> partitions(YamlFields job) {
    if (!job.has("partitions")) {
      return Optional.empty();
    }
    YamlFields partitions = job.mapping("partitions", Set.of("daily", "hourly", "static"));
    try {
      if (partitions.has("daily")) {
        String start = partitions.mapping("daily", Set.of("start")).text("start");
        return Optional.of(new PartitionDefinition.Daily(LocalDate.parse(start)));
      }
      if (partitions.has("hourly")) {
        String start = partitions.mapping("hourly", Set.of("start")).text("start");
        return Optional.of(new PartitionDefinition.Hourly(LocalDateTime.parse(start)));
      }
    } catch (java.time.format.DateTimeParseException e) {
      throw partitions.error(
          "partitions start must be a date or date-time (" + e.getParsedString() + ")");
    }
    List<String> keys = new ArrayList<>();
    for (JsonNode key : partitions.list("static")) {
      keys.add(key.asText());
    }
    if (keys.isEmpty()) {
      throw partitions.error("partitions must be daily, hourly or static");
    }
    return Optional.of(new PartitionDefinition.Static(keys));
  }

  private static Optional<WebhookStep> onFailure(YamlFields job) {
    if (!job.has("on_failure")) {
      return Optional.empty();
    }
    YamlFields onFailure = job.mapping("on_failure", Set.of("webhook"));
    return Optional.of(StepParser.webhook(onFailure, "on_failure", List.of()));
  }

  private static List<SensorDefinition> sensors(YamlFields job, String jobName) {
    List<SensorDefinition> sensors = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int index = 0;
    for (JsonNode node : job.list("sensors")) {
      index++;
      YamlFields sensor =
          new YamlFields(
              node,
              "sensors[" + index + "]",
              job.source(),
              Set.of("name", "new_object", "asset_materialized", "freshness"));
      String kind =
          sensor.has("new_object")
              ? "new_object"
              : sensor.has("asset_materialized") ? "asset_materialized" : "freshness";
      String name = jobName + "." + sensor.optionalText("name").orElse(kind);
      if (!names.add(name)) {
        name = name + "_" + index;
        names.add(name);
      }
      sensors.add(sensor(sensor, kind, name));
    }
    return sensors;
  }

  private static SensorDefinition sensor(YamlFields sensor, String kind, String name) {
    switch (kind) {
      case "new_object" -> {
        YamlFields spec = sensor.mapping("new_object", Set.of("bucket", "prefix"));
        return new SensorDefinition.NewObject(
            name, spec.text("bucket"), spec.optionalText("prefix").orElse(""));
      }
      case "asset_materialized" -> {
        return new SensorDefinition.AssetMaterialized(name, sensor.assetKeys("asset_materialized"));
      }
      default -> {
        if (!sensor.has("freshness")) {
          throw sensor.error(
              sensor.where() + " needs one of new_object, asset_materialized, freshness");
        }
        YamlFields spec = sensor.mapping("freshness", Set.of("asset", "max_lag"));
        return new SensorDefinition.Freshness(
            name,
            spec.assetKey(spec.text("asset")),
            Durations.parse("freshness.max_lag", spec.text("max_lag")));
      }
    }
  }

  private static List<AssetDefinition> assets(YamlFields job, Optional<String> jobName) {
    List<AssetDefinition> assets = new ArrayList<>();
    int index = 0;
    for (JsonNode node : job.list("assets")) {
      index++;
      if (node.isTextual()) {
        assets.add(
            new AssetDefinition(job.assetKey(node.asText()), "declared", List.of(), "", jobName));
        continue;
      }
      YamlFields asset = new YamlFields(node, "assets[" + index + "]", job.source(), ASSET_KEYS);
      assets.add(
          new AssetDefinition(
              asset.assetKey(asset.text("key")),
              "declared",
              asset.assetKeys("deps"),
              asset.optionalText("description").orElse(""),
              asset.optionalText("job").or(() -> jobName)));
    }
    return assets;
  }
}

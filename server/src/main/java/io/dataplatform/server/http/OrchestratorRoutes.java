package io.dataplatform.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.api.AssetKey;
import io.dataplatform.api.DpException;
import io.dataplatform.orchestrator.Orchestrator;
import io.dataplatform.orchestrator.asset.AssetGraph;
import io.dataplatform.orchestrator.job.JobDefinition;
import io.dataplatform.orchestrator.run.Run;
import io.dataplatform.orchestrator.run.RunEvent;
import io.dataplatform.orchestrator.run.RunStatus;
import io.dataplatform.orchestrator.trigger.Scheduler;
import io.dataplatform.orchestrator.trigger.SensorDefinition;
import io.dataplatform.orchestrator.trigger.SensorEvaluator;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Jobs, runs (with live events over Server-Sent Events), assets, schedules and sensors. */
public final class OrchestratorRoutes {
  private static final long STREAM_POLL_MILLIS = 250;
  private final Orchestrator orchestrator;
  private final ObjectMapper mapper;

  public OrchestratorRoutes(Orchestrator orchestrator, ObjectMapper mapper) {
    this.orchestrator = requireNonNull(orchestrator, "orchestrator");
    this.mapper = requireNonNull(mapper, "mapper");
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/jobs", this::jobs);
    routes.get("/api/v1/jobs/{name}", this::job);
    routes.post("/api/v1/jobs/{name}/runs", this::submit);
    routes.post("/api/v1/jobs/{name}/backfills", this::backfill);
    routes.post("/api/v1/pipelines/reload", this::reload);
    routes.get("/api/v1/runs", this::runs);
    routes.get("/api/v1/runs/{id}", this::run);
    routes.get("/api/v1/runs/{id}/events", this::events);
    routes.sse("/api/v1/runs/{id}/events/stream", this::stream);
    routes.post("/api/v1/runs/{id}/cancel", this::cancel);
    routes.post("/api/v1/runs/{id}/reexecute", this::reexecute);
    routes.get("/api/v1/assets", this::assets);
    routes.post("/api/v1/assets/{key}/materialize", this::materialize);
    routes.get("/api/v1/schedules", this::schedules);
    routes.post("/api/v1/schedules/{job}/enable", context -> toggleSchedule(context, true));
    routes.post("/api/v1/schedules/{job}/disable", context -> toggleSchedule(context, false));
    routes.get("/api/v1/sensors", this::sensors);
    routes.post("/api/v1/sensors/{name}/enable", context -> toggleSensor(context, true));
    routes.post("/api/v1/sensors/{name}/disable", context -> toggleSensor(context, false));
  }

  private Map<String, Object> jobJson(JobDefinition job) {
    boolean enabled = orchestrator.triggerEnabled(Scheduler.stateName(job.name()));
    return OrchestratorJson.job(
        job, enabled, orchestrator.scheduler().nextTick(job, Instant.now()));
  }

  private void jobs(Context context) {
    context.json(Map.of("jobs", orchestrator.jobs().jobs().stream().map(this::jobJson).toList()));
  }

  private void job(Context context) {
    context.json(jobJson(orchestrator.jobs().job(context.pathParam("name"))));
  }

  private void submit(Context context) {
    JsonNode body = optionalBody(context);
    Optional<String> partition = text(body, "partition");
    Run run =
        orchestrator.submit(
            context.pathParam("name"),
            partition,
            "manual",
            "by " + RequestPrincipal.of(context).username());
    context.status(201).json(OrchestratorJson.run(run));
  }

  private void backfill(Context context) {
    JsonNode body = JsonBodies.read(context, mapper);
    Orchestrator.Backfill backfill =
        orchestrator.backfill(
            context.pathParam("name"),
            JsonBodies.requiredText(body, "from"),
            JsonBodies.requiredText(body, "to"));
    context
        .status(201)
        .json(
            Map.of(
                "id", backfill.id(),
                "job", backfill.job(),
                "partitions", backfill.partitions(),
                "runs", backfill.runs()));
  }

  private void reload(Context context) {
    context.json(Map.of("jobs", orchestrator.reload()));
  }

  private void runs(Context context) {
    int limit = limit(context, 100);
    Optional<RunStatus> status =
        Optional.ofNullable(context.queryParam("status")).map(OrchestratorRoutes::status);
    List<Run> runs =
        orchestrator.runs(Optional.ofNullable(context.queryParam("job")), status, limit);
    context.json(Map.of("runs", runs.stream().map(OrchestratorJson::run).toList()));
  }

  private static RunStatus status(String text) {
    try {
      return RunStatus.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw DpException.user(
          "Cannot list runs: status must be one of "
              + List.of(RunStatus.values())
              + " ("
              + text
              + ")");
    }
  }

  private void run(Context context) {
    long id = runId(context);
    Map<String, Object> json = OrchestratorJson.run(orchestrator.run(id));
    json.put(
        "steps",
        orchestrator.store().steps().steps(id).stream().map(OrchestratorJson::step).toList());
    context.json(json);
  }

  private void events(Context context) {
    long id = runId(context);
    orchestrator.run(id);
    long after = longParam(context, "after", 0);
    List<RunEvent> events = orchestrator.store().events().after(id, after, limit(context, 1000));
    context.json(Map.of("events", events.stream().map(OrchestratorJson::event).toList()));
  }

  /** Sends the run's events as they are stored, and an {@code end} event when it finished. */
  private void stream(SseClient client) {
    long id = runId(client.ctx());
    orchestrator.run(id);
    long after = longParam(client.ctx(), "after", 0);
    while (!client.terminated()) {
      boolean finished = orchestrator.run(id).status().isFinished();
      List<RunEvent> events = orchestrator.store().events().after(id, after, 500);
      for (RunEvent event : events) {
        client.sendEvent("event", OrchestratorJson.event(event), Long.toString(event.id()));
        after = event.id();
      }
      if (finished && events.isEmpty()) {
        client.sendEvent("end", OrchestratorJson.run(orchestrator.run(id)));
        client.close();
        return;
      }
      try {
        Thread.sleep(STREAM_POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void cancel(Context context) {
    long id = runId(context);
    RunStatus status = orchestrator.cancel(id);
    context.json(Map.of("id", id, "status", status.name()));
  }

  private void reexecute(Context context) {
    JsonNode body = optionalBody(context);
    Run run = orchestrator.reexecute(runId(context), text(body, "fromStep"));
    context.status(201).json(OrchestratorJson.run(run));
  }

  private void assets(Context context) {
    AssetGraph graph = orchestrator.assetGraph();
    context.json(
        Map.of(
            "assets",
            orchestrator.assetStatuses(graph).stream().map(OrchestratorJson::asset).toList()));
  }

  private void materialize(Context context) {
    JsonNode body = optionalBody(context);
    Run run =
        orchestrator.materialize(AssetKey.parse(context.pathParam("key")), text(body, "partition"));
    context.status(201).json(OrchestratorJson.run(run));
  }

  private void schedules(Context context) {
    List<Map<String, Object>> schedules = new ArrayList<>();
    for (JobDefinition job : orchestrator.jobs().jobs()) {
      if (job.schedule().isPresent()) {
        Map<String, Object> json = jobJson(job);
        @SuppressWarnings("unchecked")
        Map<String, Object> schedule = (Map<String, Object>) json.get("schedule");
        schedule.put("job", job.name());
        schedules.add(schedule);
      }
    }
    context.json(Map.of("schedules", schedules));
  }

  private void toggleSchedule(Context context, boolean enable) {
    String job = context.pathParam("job");
    if (enable) {
      orchestrator.enableSchedule(job);
    } else {
      orchestrator.disableSchedule(job);
    }
    context.json(Map.of("job", job, "enabled", enable));
  }

  private void sensors(Context context) {
    List<Map<String, Object>> sensors = new ArrayList<>();
    for (JobDefinition job : orchestrator.jobs().jobs()) {
      for (SensorDefinition sensor : job.sensors()) {
        boolean enabled = orchestrator.triggerEnabled(SensorEvaluator.stateName(sensor.name()));
        sensors.add(OrchestratorJson.sensor(job.name(), sensor, enabled));
      }
    }
    context.json(Map.of("sensors", sensors));
  }

  private void toggleSensor(Context context, boolean enable) {
    String sensor = context.pathParam("name");
    if (enable) {
      orchestrator.enableSensor(sensor);
    } else {
      orchestrator.disableSensor(sensor);
    }
    context.json(Map.of("sensor", sensor, "enabled", enable));
  }

  private JsonNode optionalBody(Context context) {
    String body = context.body();
    return body == null || body.isBlank()
        ? mapper.createObjectNode()
        : JsonBodies.read(context, mapper);
  }

  private static Optional<String> text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw DpException.user("Cannot read request: field \"" + field + "\" must be a string");
    }
    return Optional.of(value.asText());
  }

  private static long runId(Context context) {
    String text = context.pathParam("id");
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw DpException.user("Cannot find run: a run id is a whole number (" + text + ")");
    }
  }

  private static long longParam(Context context, String name, long fallback) {
    String text = context.queryParam(name);
    if (text == null) {
      return fallback;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw DpException.user(
          "Cannot read request: " + name + " must be a whole number (" + text + ")");
    }
  }

  private static int limit(Context context, int fallback) {
    long limit = longParam(context, "limit", fallback);
    if (limit < 1 || limit > 10_000) {
      throw DpException.user(
          "Cannot read request: limit must be a whole number from 1 to 10000 (" + limit + ")");
    }
    return (int) limit;
  }
}

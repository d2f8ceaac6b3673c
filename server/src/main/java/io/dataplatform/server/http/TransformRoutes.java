package io.dataplatform.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dataplatform.api.DpException;
import io.dataplatform.lakehouse.sql.SqlSession;
import io.dataplatform.server.roles.TransformProjects;
import io.dataplatform.transform.TransformService;
import io.dataplatform.transform.execute.Command;
import io.dataplatform.transform.execute.NodeResult;
import io.dataplatform.transform.execute.NodeStatus;
import io.dataplatform.transform.execute.RunOptions;
import io.dataplatform.transform.execute.RunReport;
import io.dataplatform.transform.history.TransformRun;
import io.dataplatform.transform.history.TransformRunRepository;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The transform API. {@code POST /api/v1/transform/runs} runs a dbt command on a project of the
 * server (a folder name of the projects folder, or an absolute path on the server machine) and
 * streams the console as newline-delimited JSON: {@code {"line": "..."}} objects while nodes
 * finish, then one {@code {"result": {...}}} object with every node's status. {@code GET} routes
 * list the projects, a project's manifest and its past runs.
 */
public final class TransformRoutes {
  private final TransformService transform;
  private final TransformRunRepository runs;
  private final TransformProjects projects;
  private final ObjectMapper mapper;

  public TransformRoutes(
      TransformService transform,
      TransformRunRepository runs,
      TransformProjects projects,
      ObjectMapper mapper) {
    this.transform = requireNonNull(transform, "transform");
    this.runs = requireNonNull(runs, "runs");
    this.projects = requireNonNull(projects, "projects");
    this.mapper = requireNonNull(mapper, "mapper");
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/transform/runs", this::run);
    routes.get("/api/v1/transform/runs", this::history);
    routes.get("/api/v1/transform/projects", this::projects);
    routes.get("/api/v1/transform/manifest", this::manifest);
  }

  private void projects(Context context) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (TransformProjects.Project project : projects.list()) {
      list.add(Map.of("name", project.name(), "path", project.path().toString()));
    }
    context.json(Map.of("projects", list, "directory", projects.directory().toString()));
  }

  /** The project's {@code target/manifest.json}, compiled first when there is none yet. */
  private void manifest(Context context) throws IOException {
    Path project = projects.resolve(requiredQuery(context, "project"));
    Path manifest = project.resolve("target").resolve("manifest.json");
    if (!Files.isRegularFile(manifest)) {
      SqlSession session = new SqlSession(RequestPrincipal.of(context).username(), "transform");
      transform.run(
          project,
          Command.COMPILE,
          RunOptions.defaults(),
          Optional.empty(),
          Map.of(),
          session,
          line -> {});
    }
    context.contentType("application/json");
    context.result(Files.readString(manifest, StandardCharsets.UTF_8));
  }

  /** Past runs of a project, newest first, with their nodes as run_results entries. */
  private void history(Context context) {
    Path project = projects.resolve(requiredQuery(context, "project"));
    int limit = Math.max(1, Math.min(200, parseLimit(context.queryParam("limit"))));
    List<Map<String, Object>> list = new ArrayList<>();
    for (TransformRun run : runs.recent(500)) {
      if (list.size() >= limit) {
        break;
      }
      if (!Path.of(run.projectPath()).normalize().equals(project.normalize())) {
        continue;
      }
      List<Map<String, Object>> results = new ArrayList<>();
      boolean success = true;
      for (NodeResult result : runs.results(run.id())) {
        results.add(runResult(result));
        success &= isSuccess(result.status());
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", run.id());
      entry.put("command", run.command());
      entry.put("status", run.status());
      entry.put("startedAt", run.startedAt().toString());
      entry.put(
          "elapsedSeconds",
          (run.completedAt().toEpochMilli() - run.startedAt().toEpochMilli()) / 1000.0);
      entry.put("success", success);
      entry.put("results", results);
      list.add(entry);
    }
    context.json(Map.of("runs", list));
  }

  private static Map<String, Object> runResult(NodeResult result) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("unique_id", result.uniqueId());
    entry.put("status", result.status().label());
    entry.put("execution_time", result.seconds());
    entry.put("message", result.message());
    entry.put("failures", result.failures());
    entry.put("compiled_code", result.compiledSql());
    entry.put("relation_name", result.relationName().isEmpty() ? null : result.relationName());
    entry.put(
        "timing",
        List.of(
            Map.of(
                "name",
                "execute",
                "started_at",
                result.startedAt().toString(),
                "completed_at",
                result.completedAt().toString())));
    return entry;
  }

  private static boolean isSuccess(NodeStatus status) {
    return status != NodeStatus.ERROR && status != NodeStatus.FAIL;
  }

  private static int parseLimit(String value) {
    if (value == null || value.isBlank()) {
      return 20;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw DpException.user("Cannot list transform runs: limit must be a number (" + value + ")");
    }
  }

  private static String requiredQuery(Context context, String name) {
    String value = context.queryParam(name);
    if (value == null || value.isBlank()) {
      throw DpException.user("Cannot answer: the query parameter '" + name + "' is required");
    }
    return value;
  }

  private void run(Context context) throws IOException {
    JsonNode body = JsonBodies.read(context, mapper);
    Path project = projects.resolve(JsonBodies.requiredText(body, "project"));
    Command command = Command.parse(JsonBodies.requiredText(body, "command"));
    RunOptions options =
        new RunOptions(
            strings(body.get("select")),
            strings(body.get("exclude")),
            body.path("threads").asInt(1),
            body.path("full_refresh").asBoolean(false),
            body.path("fail_fast").asBoolean(false),
            body.hasNonNull("selector") && !body.get("selector").asText().isBlank()
                ? Optional.of(body.get("selector").asText().trim())
                : Optional.empty());
    Map<String, Object> vars = vars(body.get("vars"));
    Optional<String> target =
        body.hasNonNull("target") ? Optional.of(body.get("target").asText()) : Optional.empty();
    SqlSession session = new SqlSession(RequestPrincipal.of(context).username(), "transform");
    context.contentType("application/x-ndjson");
    OutputStream out = context.outputStream();
    RunReport report =
        transform.run(
            project,
            command,
            options,
            target,
            vars,
            session,
            line -> write(out, Map.of("line", line)));
    write(out, Map.of("result", summary(report)));
    out.flush();
  }

  private void write(OutputStream out, Map<String, Object> message) {
    try {
      synchronized (out) {
        out.write(mapper.writeValueAsString(message).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        out.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> summary(RunReport report) {
    List<Map<String, Object>> nodes = new ArrayList<>();
    for (NodeResult result : report.results()) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("uniqueId", result.uniqueId());
      node.put("status", result.status().label());
      node.put("message", result.message());
      node.put("failures", result.failures());
      node.put("seconds", result.seconds());
      nodes.add(node);
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("command", report.command().name().toLowerCase());
    summary.put("success", !report.failed());
    summary.put("nodes", nodes);
    return summary;
  }

  private static List<String> strings(JsonNode value) {
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(item -> items.add(item.asText()));
      return items;
    }
    return value.asText().isBlank() ? List.of() : List.of(value.asText());
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> vars(JsonNode value) {
    if (value == null || value.isNull()) {
      return Map.of();
    }
    if (value.isObject()) {
      return mapper.convertValue(value, Map.class);
    }
    try {
      Object parsed = new YAMLMapper().readValue(value.asText(), Object.class);
      if (parsed instanceof Map<?, ?> map) {
        return (Map<String, Object>) map;
      }
    } catch (IOException e) {
      // reported below
    }
    throw DpException.user(
        "Cannot run transform: vars must be a JSON object or a YAML mapping (" + value + ")");
  }
}

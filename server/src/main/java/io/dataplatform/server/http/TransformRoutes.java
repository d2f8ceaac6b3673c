package io.dataplatform.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dataplatform.api.DpException;
import io.dataplatform.lakehouse.sql.SqlSession;
import io.dataplatform.transform.TransformService;
import io.dataplatform.transform.execute.Command;
import io.dataplatform.transform.execute.NodeResult;
import io.dataplatform.transform.execute.RunOptions;
import io.dataplatform.transform.execute.RunReport;
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
 * {@code POST /api/v1/transform/runs}: runs a dbt command on a project directory of the server
 * machine and streams the console as newline-delimited JSON: {@code {"line": "..."}} objects while
 * nodes finish, then one {@code {"result": {...}}} object with every node's status.
 */
public final class TransformRoutes {
  private final TransformService transform;
  private final ObjectMapper mapper;

  public TransformRoutes(TransformService transform, ObjectMapper mapper) {
    this.transform = requireNonNull(transform, "transform");
    this.mapper = requireNonNull(mapper, "mapper");
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/transform/runs", this::run);
  }

  private void run(Context context) throws IOException {
    JsonNode body = JsonBodies.read(context, mapper);
    Path project = Path.of(JsonBodies.requiredText(body, "project"));
    if (!project.isAbsolute() || !Files.isDirectory(project)) {
      throw DpException.user(
          "Cannot run transform: project must be an absolute path of a directory on the server ("
              + project
              + ")");
    }
    Command command = Command.parse(JsonBodies.requiredText(body, "command"));
    RunOptions options =
        new RunOptions(
            strings(body.get("select")),
            strings(body.get("exclude")),
            body.path("threads").asInt(1),
            body.path("full_refresh").asBoolean(false),
            body.path("fail_fast").asBoolean(false));
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

package io.dataplatform.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.CheckResult;
import io.dataplatform.api.connector.Connector;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceStream;
import io.dataplatform.api.connector.SyncMode;
import io.dataplatform.ingest.connection.ConnectionDefinition;
import io.dataplatform.ingest.connection.ConnectionFiles;
import io.dataplatform.ingest.connection.ConnectionService;
import io.dataplatform.ingest.connection.SyncService;
import io.dataplatform.ingest.sync.SyncProgress;
import io.dataplatform.ingest.sync.SyncReport;
import io.dataplatform.lakehouse.load.DeleteMode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Connectors, connections and syncs: specs, check and discover, connection CRUD (secrets never
 * returned), start, list, follow and cancel syncs.
 */
public final class ConnectionRoutes {
  private static final String CONNECTION = "/api/v1/connections/{name}";

  private final ConnectionService connections;
  private final SyncService syncs;
  private final ObjectMapper mapper;

  public ConnectionRoutes(ConnectionService connections, SyncService syncs, ObjectMapper mapper) {
    this.connections = requireNonNull(connections, "connections");
    this.syncs = requireNonNull(syncs, "syncs");
    this.mapper = requireNonNull(mapper, "mapper");
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/connectors", this::connectors);
    routes.get("/api/v1/connectors/{type}", this::connector);
    routes.post("/api/v1/connectors/{type}/check", this::checkSettings);
    routes.post("/api/v1/connectors/{type}/discover", this::discoverSettings);
    routes.get("/api/v1/connections", this::list);
    routes.post("/api/v1/connections", this::apply);
    routes.get(CONNECTION, this::show);
    routes.put(CONNECTION, this::apply);
    routes.delete(CONNECTION, this::delete);
    routes.post(CONNECTION + "/check", this::check);
    routes.get(CONNECTION + "/discover", this::discover);
    routes.post(CONNECTION + "/syncs", this::startSync);
    routes.get(CONNECTION + "/syncs", this::listSyncs);
    routes.get("/api/v1/syncs/{id}", this::sync);
    routes.post("/api/v1/syncs/{id}/cancel", this::cancel);
  }

  private void connectors(Context context) {
    context.json(
        Map.of(
            "connectors",
            connections.registry().connectors().stream().map(this::connectorJson).toList()));
  }

  private void connector(Context context) {
    context.json(connectorJson(connections.registry().connector(context.pathParam("type"))));
  }

  private Map<String, Object> connectorJson(Connector connector) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", connector.type());
    json.put("title", connector.spec().title());
    json.put("documentation", connector.spec().documentation());
    try {
      json.put("spec", mapper.readTree(connector.spec().jsonSchema()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      json.put("spec", Map.of());
    }
    return json;
  }

  /** A connection made only of a source, to check or discover before saving. */
  private ConnectionDefinition sourceOnly(Context context) {
    Map<String, Object> source = new LinkedHashMap<>(body(context));
    source.remove("type");
    return new ConnectionDefinition(
        "draft",
        context.pathParam("type"),
        source,
        "raw",
        DeleteMode.HARD,
        List.of(),
        Optional.empty());
  }

  private void checkSettings(Context context) {
    context.json(checkJson(connections.check(sourceOnly(context))));
  }

  private void discoverSettings(Context context) {
    context.json(streamsJson(connections.discover(sourceOnly(context))));
  }

  private void list(Context context) {
    context.json(
        Map.of(
            "connections",
            connections.list().stream().map(c -> connectionJson(c, Optional.empty())).toList()));
  }

  private void show(Context context) {
    String name = context.pathParam("name");
    ConnectionDefinition connection = connections.show(name);
    Map<String, Object> json = connectionJson(connection, syncs.runningSync(name));
    if (connection.streams().stream().anyMatch(stream -> stream.mode() == SyncMode.CDC)) {
      json.put("sourceStatus", sourceStatus(name));
    }
    context.json(json);
  }

  /**
   * What the connector keeps at the source for a CDC connection (PostgreSQL: the replication slot
   * and its lag in bytes; MariaDB: the binlog position), or why it cannot be read just now.
   */
  private Map<String, Object> sourceStatus(String name) {
    try {
      return connections.sourceStatus(name);
    } catch (DpException e) {
      return Map.of("error", e.getMessage());
    }
  }

  /** Creates or replaces from a JSON body in the file's layout, or {@code {"yaml": "..."}}. */
  private void apply(Context context) {
    Map<String, Object> body = body(context);
    ConnectionDefinition connection =
        body.get("yaml") instanceof String yaml && body.size() == 1
            ? ConnectionFiles.parse(yaml, variable -> Optional.empty())
            : ConnectionFiles.fromTree(body);
    if (context.pathParamMap().containsKey("name")
        && !context.pathParam("name").equals(connection.name())) {
      throw DpException.user(
          "Cannot apply connection: the body names another connection ("
              + connection.name()
              + " at "
              + context.pathParam("name")
              + ")");
    }
    ConnectionService.Applied applied = connections.apply(connection);
    context.status(applied == ConnectionService.Applied.CREATED ? 201 : 200);
    Map<String, Object> json =
        connectionJson(connections.show(connection.name()), Optional.empty());
    json.put("applied", applied.name().toLowerCase(java.util.Locale.ROOT));
    context.json(json);
  }

  private void delete(Context context) {
    syncs.deleteConnection(context.pathParam("name"));
    context.status(204);
  }

  private void check(Context context) {
    context.json(checkJson(connections.check(context.pathParam("name"))));
  }

  private void discover(Context context) {
    context.json(streamsJson(connections.discover(context.pathParam("name"))));
  }

  /**
   * Starts a sync. An optional body {@code {"reset": true}} resets every stream, {@code {"reset":
   * ["public.orders"]}} the streams named.
   */
  private void startSync(Context context) {
    SyncService.Reset reset = SyncService.Reset.NONE;
    if (!context.body().isBlank()) {
      Object value = body(context).get("reset");
      if (value instanceof Boolean all) {
        reset = new SyncService.Reset(all, List.of());
      } else if (value instanceof List<?> names
          && names.stream().allMatch(name -> name instanceof String)) {
        reset = new SyncService.Reset(false, names.stream().map(String.class::cast).toList());
      } else if (value != null) {
        throw DpException.user(
            "Cannot start sync: reset must be true, false or a list of stream names");
      }
    }
    SyncProgress progress = syncs.start(context.pathParam("name"), reset);
    context.status(202);
    context.json(syncJson(progress.report()));
  }

  private void listSyncs(Context context) {
    int limit = 50;
    String text = context.queryParam("limit");
    if (text != null) {
      try {
        limit = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > 1000) {
        throw DpException.user(
            "Cannot list syncs: limit must be a whole number from 1 to 1000 (" + text + ")");
      }
    }
    context.json(Map.of("syncs", syncs.list(context.pathParam("name"), limit)));
  }

  private void sync(Context context) {
    context.json(syncJson(syncs.find(context.pathParam("id"))));
  }

  private void cancel(Context context) {
    boolean cancelled = syncs.cancel(context.pathParam("id"));
    if (!cancelled) {
      throw new DpException(
          StandardErrorCode.CONFLICT,
          "Cannot cancel sync: it is not running (" + context.pathParam("id") + ")");
    }
    context.status(202);
    context.json(Map.of("syncId", context.pathParam("id"), "cancelling", true));
  }

  private Map<String, Object> body(Context context) {
    try {
      Map<String, Object> body =
          mapper.readValue(context.body(), new TypeReference<LinkedHashMap<String, Object>>() {});
      if (body == null) {
        throw DpException.user("Cannot read request: the body must be a JSON object");
      }
      return body;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw DpException.user(
          "Cannot read request: the body is not a JSON object (" + e.getOriginalMessage() + ")");
    }
  }

  private static Map<String, Object> connectionJson(
      ConnectionDefinition connection, Optional<String> runningSync) {
    Map<String, Object> json = new LinkedHashMap<>(ConnectionFiles.toTree(connection));
    json.put("runningSync", runningSync.orElse(null));
    return json;
  }

  private static Map<String, Object> checkJson(CheckResult result) {
    return Map.of("success", result.isSuccess(), "message", result.message());
  }

  private static Map<String, Object> streamsJson(List<SourceStream> streams) {
    return Map.of("streams", streams.stream().map(ConnectionRoutes::streamJson).toList());
  }

  private static Map<String, Object> streamJson(SourceStream stream) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", stream.name());
    json.put(
        "columns",
        stream.columns().stream()
            .map(
                (SourceColumn column) ->
                    Map.of(
                        "name", column.name(),
                        "type", column.type().toString(),
                        "sourceType", column.sourceType(),
                        "nullable", column.nullability() == SourceColumn.Nullability.NULLABLE))
            .toList());
    json.put("primaryKey", stream.primaryKey());
    json.put("cursorCandidates", stream.cursorCandidates());
    json.put("defaultCursor", stream.defaultCursor().orElse(null));
    json.put("syncModes", stream.syncModes().stream().map(SyncMode::configName).sorted().toList());
    return json;
  }

  static Map<String, Object> syncJson(SyncReport report) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("syncId", report.syncId());
    json.put("connection", report.connection());
    json.put("status", report.status().name());
    json.put("startedAt", report.startedAt().toString());
    json.put("endedAt", report.endedAt().map(Instant::toString).orElse(null));
    json.put("durationMillis", report.duration(Instant.now()).toMillis());
    json.put("recordsCommitted", report.recordsCommitted());
    json.put("error", report.error().orElse(null));
    json.put("streams", report.streams());
    json.put("log", report.log());
    return json;
  }
}

package io.dataplatform.server.http;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.metastore.QueryHistoryRepository;
import io.dataplatform.metastore.QueryRecord;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The query history with each statement's profile. */
final class QueryRoutes {
  private final QueryHistoryRepository history;

  QueryRoutes(QueryHistoryRepository history) {
    this.history = requireNonNull(history, "history");
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/queries", this::list);
    routes.get("/api/v1/queries/{id}", this::one);
  }

  private void list(Context context) {
    int limit = 100;
    String text = context.queryParam("limit");
    if (text != null) {
      try {
        limit = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > 10_000) {
        throw DpException.user(
            "Cannot list queries: limit must be a whole number from 1 to 10000 (" + text + ")");
      }
    }
    Optional<String> user = Optional.ofNullable(context.queryParam("user"));
    context.json(
        Map.of("queries", history.recent(user, limit).stream().map(QueryRoutes::json).toList()));
  }

  private void one(Context context) {
    String id = context.pathParam("id");
    QueryRecord record =
        history
            .find(id)
            .orElseThrow(
                () ->
                    new DpException(
                        StandardErrorCode.NOT_FOUND, "Cannot find query: no such id (" + id + ")"));
    context.json(json(record));
  }

  static Map<String, Object> json(QueryRecord query) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", query.id());
    json.put("username", query.username());
    json.put("sql", query.sql());
    json.put("status", query.status());
    json.put("errorMessage", query.errorMessage().orElse(null));
    json.put("startedAt", query.startedAt().toString());
    json.put("planningMillis", query.planningMillis());
    json.put("executionMillis", query.executionMillis());
    json.put("totalMillis", query.totalMillis());
    json.put("filesPlanned", query.filesPlanned());
    json.put("filesScanned", query.filesScanned());
    json.put("bytesScanned", query.bytesScanned());
    json.put("rowsReturned", query.rowsReturned());
    json.put("tablesRead", query.tablesRead());
    return json;
  }
}

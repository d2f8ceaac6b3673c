package io.dataplatform.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.lakehouse.sql.SqlService;
import io.dataplatform.lakehouse.sql.SqlSession;
import io.dataplatform.lakehouse.sql.StatementResult;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /api/v1/sql}: runs one statement and answers rows with typed columns. */
final class SqlRoutes {
  static final int DEFAULT_LIMIT = 1000;
  static final int MAXIMUM_LIMIT = 1_000_000;
  private final SqlService sql;
  private final ObjectMapper mapper;

  SqlRoutes(SqlService sql, ObjectMapper mapper) {
    this.sql = requireNonNull(sql, "sql");
    this.mapper = requireNonNull(mapper, "mapper");
  }

  void register(RoutesConfig routes) {
    routes.post("/api/v1/sql", this::run);
  }

  private void run(Context context) throws SQLException {
    JsonNode body = JsonBodies.read(context, mapper);
    String text = JsonBodies.requiredText(body, "sql");
    int limit = limit(body);
    long started = System.nanoTime();
    SqlSession session = new SqlSession(RequestPrincipal.of(context).username(), "http");
    Map<String, Object> answer = new LinkedHashMap<>();
    try (StatementResult result = sql.execute(session, text, List.of())) {
      answer.put("queryId", result.queryId());
      List<Map<String, Object>> columns = new ArrayList<>();
      List<List<Object>> rows = new ArrayList<>();
      boolean truncated = false;
      if (result.rows().isPresent()) {
        try {
          truncated = readRows(result.rows().get(), limit, columns, rows);
        } catch (SQLException e) {
          result.failed(e);
          throw new DpException(
              StandardErrorCode.SQL_ERROR, "Cannot run statement: " + e.getMessage(), e);
        }
        result.rowsReturned(rows.size());
      }
      answer.put("columns", columns);
      answer.put("rows", rows);
      answer.put("rowCount", rows.size());
      answer.put("truncated", truncated);
      answer.put("updateCount", result.updateCount());
    }
    answer.put("elapsedMillis", (System.nanoTime() - started) / 1_000_000);
    context.json(answer);
  }

  private static int limit(JsonNode body) {
    JsonNode value = body.get("limit");
    if (value == null || value.isNull()) {
      return DEFAULT_LIMIT;
    }
    if (!value.canConvertToInt() || value.asInt() < 0 || value.asInt() > MAXIMUM_LIMIT) {
      throw DpException.user(
          "Cannot read request: \"limit\" must be a whole number from 0 to "
              + MAXIMUM_LIMIT
              + " ("
              + value
              + ")");
    }
    return value.asInt();
  }

  /** Reads up to {@code limit} rows; returns whether more rows were left. */
  private static boolean readRows(
      ResultSet resultSet, int limit, List<Map<String, Object>> columns, List<List<Object>> rows)
      throws SQLException {
    ResultSetMetaData metadata = resultSet.getMetaData();
    int count = metadata.getColumnCount();
    for (int i = 1; i <= count; i++) {
      Map<String, Object> column = new LinkedHashMap<>();
      column.put("name", metadata.getColumnLabel(i));
      column.put("type", metadata.getColumnTypeName(i));
      columns.add(column);
    }
    while (resultSet.next()) {
      if (rows.size() == limit) {
        return true;
      }
      List<Object> row = new ArrayList<>(count);
      for (int i = 1; i <= count; i++) {
        row.add(JsonValues.convert(resultSet.getObject(i)));
      }
      rows.add(row);
    }
    return false;
  }
}

package io.dataplatform.metastore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The query history: every statement run by the lakehouse with its profile. */
public final class QueryHistoryRepository {
  private static final String COLUMNS =
      "id, username, sql_text, status, error_message, started_at, planning_millis,"
          + " execution_millis, total_millis, files_planned, files_scanned, bytes_scanned,"
          + " rows_returned, tables_read";
  private final Jdbc jdbc;

  QueryHistoryRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  public void insert(QueryRecord query) {
    jdbc.update(
        "INSERT INTO dp_query (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        query.id(),
        query.username(),
        query.sql(),
        query.status(),
        query.errorMessage().orElse(null),
        query.startedAt(),
        query.planningMillis(),
        query.executionMillis(),
        query.totalMillis(),
        query.filesPlanned(),
        query.filesScanned(),
        query.bytesScanned(),
        query.rowsReturned(),
        String.join(",", query.tablesRead()));
  }

  /** The most recent queries first; {@code username} empty means every user's. */
  public List<QueryRecord> recent(Optional<String> username, int limit) {
    if (username.isPresent()) {
      return jdbc.query(
          "SELECT "
              + COLUMNS
              + " FROM dp_query WHERE username = ? ORDER BY started_at DESC, id"
              + " FETCH FIRST "
              + limit
              + " ROWS ONLY",
          QueryHistoryRepository::map,
          username.get());
    }
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM dp_query ORDER BY started_at DESC, id FETCH FIRST "
            + limit
            + " ROWS ONLY",
        QueryHistoryRepository::map);
  }

  public Optional<QueryRecord> find(String id) {
    return jdbc.queryOne(
        "SELECT " + COLUMNS + " FROM dp_query WHERE id = ?", QueryHistoryRepository::map, id);
  }

  private static QueryRecord map(ResultSet row) throws SQLException {
    String tables = row.getString("tables_read");
    return new QueryRecord(
        row.getString("id"),
        row.getString("username"),
        row.getString("sql_text"),
        row.getString("status"),
        Optional.ofNullable(row.getString("error_message")),
        Jdbc.instant(row, "started_at"),
        row.getLong("planning_millis"),
        row.getLong("execution_millis"),
        row.getLong("total_millis"),
        row.getLong("files_planned"),
        row.getLong("files_scanned"),
        row.getLong("bytes_scanned"),
        row.getLong("rows_returned"),
        tables.isEmpty() ? List.of() : Arrays.asList(tables.split(",")));
  }
}

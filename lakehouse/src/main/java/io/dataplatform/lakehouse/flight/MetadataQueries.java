package io.dataplatform.lakehouse.flight;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.lakehouse.sql.SqlService;
import io.dataplatform.lakehouse.sql.SqlSession;
import io.dataplatform.lakehouse.sql.StatementResult;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the {@code information_schema} queries behind the Flight SQL metadata calls and returns
 * their (small) answers as rows of strings.
 */
final class MetadataQueries {
  private final SqlService sqlService;

  MetadataQueries(SqlService sqlService) {
    this.sqlService = requireNonNull(sqlService, "sqlService");
  }

  /** A filter on one column: equality, or a LIKE pattern with {@code \} as escape. */
  record Filter(String column, Optional<String> value, boolean pattern) {
    Filter {
      requireNonNull(column, "column");
      requireNonNull(value, "value");
    }

    static Filter equalTo(String column, Optional<String> value) {
      return new Filter(column, value, false);
    }

    static Filter like(String column, Optional<String> pattern) {
      return new Filter(column, pattern, true);
    }
  }

  List<List<String>> query(SqlSession session, String select, List<Filter> filters, String order) {
    StringBuilder sql = new StringBuilder(select);
    List<Object> parameters = new ArrayList<>();
    String separator = " WHERE ";
    for (Filter filter : filters) {
      if (filter.value().isEmpty()) {
        continue;
      }
      sql.append(separator).append(filter.column());
      sql.append(filter.pattern() ? " LIKE ? ESCAPE '\\'" : " = ?");
      parameters.add(filter.value().get());
      separator = " AND ";
    }
    sql.append(" ORDER BY ").append(order);
    return run(session, sql.toString(), parameters);
  }

  List<List<String>> run(SqlSession session, String sql, List<Object> parameters) {
    try (StatementResult result = sqlService.execute(session, sql, parameters)) {
      ResultSet rows =
          result
              .rows()
              .orElseThrow(
                  () ->
                      new DpException(
                          StandardErrorCode.INTERNAL_ERROR,
                          "Cannot read metadata: the query returned no rows (" + sql + ")"));
      List<List<String>> values = readAll(rows, sql);
      result.rowsReturned(values.size());
      return values;
    }
  }

  private static List<List<String>> readAll(ResultSet rows, String sql) {
    try {
      ResultSetMetaData metaData = rows.getMetaData();
      int columns = metaData.getColumnCount();
      List<List<String>> values = new ArrayList<>();
      while (rows.next()) {
        List<String> row = new ArrayList<>(columns);
        for (int column = 1; column <= columns; column++) {
          row.add(rows.getString(column));
        }
        values.add(row);
      }
      return values;
    } catch (SQLException e) {
      throw new DpException(
          StandardErrorCode.INTERNAL_ERROR,
          "Cannot read metadata: " + e.getMessage() + " (" + sql + ")",
          e);
    }
  }
}

package io.dataplatform.transform.execute;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.lakehouse.sql.SqlService;
import io.dataplatform.lakehouse.sql.SqlSession;
import io.dataplatform.lakehouse.sql.StatementResult;
import io.dataplatform.transform.TransformErrorCode;
import io.dataplatform.transform.jinja.ColumnRelation;
import io.dataplatform.transform.jinja.QueryTable;
import io.dataplatform.transform.jinja.Relation;
import io.dataplatform.transform.jinja.SqlRunner;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs a project's SQL on the lakehouse's SQL service. */
public final class LakehouseSqlRunner implements SqlRunner {
  private final SqlService sql;
  private final SqlSession session;

  public LakehouseSqlRunner(SqlService sql, SqlSession session) {
    this.sql = requireNonNull(sql, "sql");
    this.session = requireNonNull(session, "session");
  }

  @Override
  public long execute(String statement) {
    try (StatementResult result = sql.execute(session, statement, List.of())) {
      return result.updateCount();
    }
  }

  @Override
  public QueryTable query(String statement) {
    return query(statement, List.of());
  }

  private QueryTable query(String statement, List<Object> parameters) {
    try (StatementResult result = sql.execute(session, statement, parameters)) {
      Optional<ResultSet> rows = result.rows();
      if (rows.isEmpty()) {
        return new QueryTable(List.of(), List.of());
      }
      ResultSet resultSet = rows.get();
      ResultSetMetaData metadata = resultSet.getMetaData();
      List<String> names = new ArrayList<>();
      List<String> types = new ArrayList<>();
      for (int i = 1; i <= metadata.getColumnCount(); i++) {
        names.add(metadata.getColumnLabel(i));
        types.add(metadata.getColumnTypeName(i));
      }
      List<List<Object>> values = new ArrayList<>();
      while (resultSet.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= names.size(); i++) {
          row.add(resultSet.getObject(i));
        }
        values.add(row);
      }
      result.rowsReturned(values.size());
      return new QueryTable(names, types, values);
    } catch (SQLException e) {
      throw new DpException(
          TransformErrorCode.DATABASE_ERROR, "Cannot read query result: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Relation> relation(String schema, String name) {
    QueryTable table =
        query(
            "SELECT table_type FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
            List.of(schema, name));
    if (table.getRows().isEmpty()) {
      return Optional.empty();
    }
    String type = String.valueOf(table.getRows().get(0).get(0));
    return Optional.of(
        new Relation(schema, name, type.equalsIgnoreCase("VIEW") ? "view" : "table"));
  }

  @Override
  public List<ColumnRelation> columns(String schema, String name) {
    QueryTable table =
        query(
            "SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
            List.of(schema, name));
    return table.getRows().stream()
        .map(row -> new ColumnRelation(String.valueOf(row.get(0)), String.valueOf(row.get(1))))
        .toList();
  }
}

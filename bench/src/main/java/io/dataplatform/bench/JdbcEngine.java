package io.dataplatform.bench;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Runs queries over a JDBC connection: the in-process DuckDB or the platform's Flight SQL. */
final class JdbcEngine implements QueryEngine {
  private final String name;
  private final String tpchSchema;
  private final Connection connection;

  JdbcEngine(String name, String tpchSchema, Connection connection) {
    this.name = requireNonNull(name, "name");
    this.tpchSchema = requireNonNull(tpchSchema, "tpchSchema");
    this.connection = requireNonNull(connection, "connection");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String tpchSchema() {
    return tpchSchema;
  }

  /** Runs a statement that returns no rows the caller needs (DDL, CREATE TABLE AS). */
  void executeStatement(String sql) throws SQLException {
    // prepared statements: the Flight SQL driver supports nothing else, and DuckDB reports
    // the real error message through them
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.execute();
    }
  }

  @Override
  public List<List<Object>> execute(String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet result = statement.executeQuery()) {
      int columns = result.getMetaData().getColumnCount();
      List<List<Object>> rows = new ArrayList<>();
      while (result.next()) {
        List<Object> row = new ArrayList<>(columns);
        for (int column = 1; column <= columns; column++) {
          row.add(result.getObject(column));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}

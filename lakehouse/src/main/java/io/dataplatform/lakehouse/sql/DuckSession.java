package io.dataplatform.lakehouse.sql;

import io.dataplatform.lakehouse.io.StatementFiles;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One statement's connection to the lakehouse's {@link DuckDatabase}, whose default catalog is an
 * in-memory database of its own, detached when the statement ends.
 */
final class DuckSession implements AutoCloseable {
  private final Connection connection;
  private final String catalog;
  private final StatementFiles files;

  DuckSession(Connection connection, String catalog, StatementFiles files) {
    this.connection = connection;
    this.catalog = catalog;
    this.files = files;
  }

  Connection connection() {
    return connection;
  }

  /** The local files the statement reads and writes; released when the session closes. */
  StatementFiles files() {
    return files;
  }

  void execute(String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.execute();
    }
  }

  long update(String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.execute();
      long count = statement.getUpdateCount();
      if (count < 0) {
        try (ResultSet rows = statement.getResultSet()) {
          return rows != null && rows.next() ? rows.getLong(1) : 0;
        }
      }
      return count;
    }
  }

  /** All rows of a query, each as an array of {@code getObject} values. */
  List<Object[]> query(String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        int columns = rows.getMetaData().getColumnCount();
        List<Object[]> result = new ArrayList<>();
        while (rows.next()) {
          Object[] row = new Object[columns];
          for (int i = 0; i < columns; i++) {
            row[i] = rows.getObject(i + 1);
          }
          result.add(row);
        }
        return result;
      }
    }
  }

  @Override
  public void close() {
    try (connection;
        var statement = connection.createStatement()) {
      statement.execute("USE memory; DETACH " + catalog);
    } catch (SQLException e) {
      // the catalog held only views; closing the connection releases it in any case
    } finally {
      files.close();
    }
  }
}

package io.dataplatform.lakehouse.sql;

import static io.dataplatform.lakehouse.catalog.TypeMapping.literal;

import io.dataplatform.lakehouse.LakehouseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A fresh in-memory DuckDB database for one statement, sandboxed before any user text reaches it:
 * no extension loading, no file access outside the warehouse, configuration locked.
 */
final class DuckSession implements AutoCloseable {
  private final Connection connection;

  private DuckSession(Connection connection) {
    this.connection = connection;
  }

  static DuckSession open(LakehouseConfig config) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("autoinstall_known_extensions", "false");
    properties.setProperty("autoload_known_extensions", "false");
    properties.setProperty("threads", String.valueOf(config.threads()));
    if (!config.memoryLimit().isEmpty()) {
      properties.setProperty("memory_limit", config.memoryLimit());
    }
    Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
    try (var statement = connection.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      statement.execute(
          "SET allowed_directories = [" + literal(config.warehouse().toString() + "/") + "]");
      statement.execute("SET enable_external_access = false");
      statement.execute("SET lock_configuration = true");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return new DuckSession(connection);
  }

  Connection connection() {
    return connection;
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
    try {
      connection.close();
    } catch (SQLException e) {
      // nothing was written through this connection that closing could lose
    }
  }
}

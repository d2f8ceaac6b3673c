package io.dataplatform.ingest.source.mariadb;

import io.dataplatform.api.connector.ConnectorConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A database with a random name on the test MariaDB server (127.0.0.1:3306, user dp), created for
 * one test and dropped after it.
 */
final class MariaDbDatabase implements AutoCloseable {
  static final String HOST = "127.0.0.1";
  static final int PORT = 3306;
  static final String USER = "dp";
  static final String PASSWORD = "dp";

  final String name = "dp_jdbc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final Connection connection;

  MariaDbDatabase() throws SQLException {
    Connection server =
        DriverManager.getConnection("jdbc:mariadb://" + HOST + ":" + PORT + "/", USER, PASSWORD);
    try (Statement statement = server.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
      statement.execute("USE " + name);
      statement.execute("SET time_zone = '+00:00'");
    }
    connection = server;
  }

  void execute(String... statements) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  ConnectorConfig config(Map<String, Object> overrides) {
    Map<String, Object> values = new HashMap<>();
    values.put("host", HOST);
    values.put("port", PORT);
    values.put("database", name);
    values.put("user", USER);
    values.put("password", PASSWORD);
    values.putAll(overrides);
    return new ConnectorConfig("mariadb", values);
  }

  @Override
  public void close() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name);
    } finally {
      connection.close();
    }
  }
}

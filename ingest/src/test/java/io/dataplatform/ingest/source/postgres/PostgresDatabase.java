package io.dataplatform.ingest.source.postgres;

import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.ingest.testing.PostgresTestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A database with a random name on the test PostgreSQL server (127.0.0.1:5432, role dp), created
 * for one test and dropped after it.
 */
final class PostgresDatabase implements AutoCloseable {
  static final String HOST = PostgresTestDatabases.HOST;
  static final int PORT = PostgresTestDatabases.PORT;
  static final String USER = PostgresTestDatabases.USER;
  static final String PASSWORD = PostgresTestDatabases.PASSWORD;

  final String name = "dp_jdbc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final Connection connection;

  PostgresDatabase() throws SQLException {
    PostgresTestDatabases.create(name);
    connection = connect(name);
  }

  static Connection connect(String database) throws SQLException {
    return PostgresTestDatabases.connect(database);
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
    values.put("schemas", List.of("shop"));
    values.put("ssl_mode", "disable");
    values.putAll(overrides);
    return new ConnectorConfig("postgres", values);
  }

  @Override
  public void close() throws SQLException {
    connection.close();
    PostgresTestDatabases.drop(name);
  }
}

package io.dataplatform.ingest.source.jdbc;

import io.dataplatform.api.connector.Connector;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.ingest.source.ConnectorContract;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The generic JDBC connector against an in-memory H2 database, through the connector contract. */
class TestJdbcConnector extends ConnectorContract {
  static final String PASSWORD = "h2-secret-pw";

  private final String url = "jdbc:h2:mem:dp_" + UUID.randomUUID().toString().replace("-", "");
  private Connection keepAlive;
  private int nextId = 4;

  @BeforeEach
  void createFixture() throws SQLException {
    keepAlive = DriverManager.getConnection(url, "sa", PASSWORD);
    execute(
        "CREATE SCHEMA \"shop\"",
        "CREATE TABLE \"shop\".\"items\" (\"id\" INT PRIMARY KEY, \"name\" VARCHAR(40),"
            + " \"updated_at\" TIMESTAMP NOT NULL)",
        "INSERT INTO \"shop\".\"items\" VALUES (1, 'pen', TIMESTAMP '2024-01-01 10:00:00'),"
            + " (2, 'ink', TIMESTAMP '2024-01-01 10:00:00'), (3, 'pad', TIMESTAMP '2024-01-02 09:30:00')");
  }

  @AfterEach
  void dropFixture() throws SQLException {
    execute("SHUTDOWN");
    keepAlive.close();
  }

  private void execute(String... statements) throws SQLException {
    try (Statement statement = keepAlive.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  @Override
  protected Connector connector() {
    return new JdbcConnector();
  }

  @Override
  protected ConnectorConfig config() {
    return new ConnectorConfig(
        "jdbc", Map.of("url", url, "user", "sa", "password", PASSWORD, "schemas", List.of("shop")));
  }

  @Override
  protected ConnectorConfig unreachableConfig() {
    return new ConnectorConfig(
        "jdbc",
        Map.of(
            "url",
            "jdbc:h2:tcp://127.0.0.1:" + closedPort() + "/mem:nothing",
            "user",
            "sa",
            "password",
            PASSWORD));
  }

  @Override
  protected Optional<ConnectorConfig> wrongCredentialsConfig() {
    return Optional.of(
        new ConnectorConfig(
            "jdbc", Map.of("url", url, "user", "sa", "password", "wrong-password-42")));
  }

  @Override
  protected String fixtureStream() {
    return "shop.items";
  }

  @Override
  protected long fixtureRows() {
    return 3;
  }

  @Override
  protected Optional<String> fixtureCursor() {
    return Optional.of("updated_at");
  }

  @Override
  protected List<String> addFixtureRows(int count) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int id = nextId++;
      execute(
          "INSERT INTO \"shop\".\"items\" VALUES ("
              + id
              + ", 'new', TIMESTAMP '2024-02-01 00:00:00' + "
              + id
              + " * INTERVAL '1' SECOND)");
      ids.add(String.valueOf(id));
    }
    return ids;
  }

  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

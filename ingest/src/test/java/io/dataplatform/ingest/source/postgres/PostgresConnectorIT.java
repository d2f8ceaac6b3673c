package io.dataplatform.ingest.source.postgres;

import io.dataplatform.api.connector.Connector;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.ingest.source.ConnectorContract;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The PostgreSQL connector against the test server, through the connector contract. */
class PostgresConnectorIT extends ConnectorContract {
  private PostgresDatabase database;
  private int nextId = 4;

  @BeforeEach
  void createFixture() throws Exception {
    database = new PostgresDatabase();
    database.execute(
        "CREATE SCHEMA shop",
        "CREATE TABLE shop.items (id int PRIMARY KEY, name text, updated_at timestamptz NOT NULL)",
        "INSERT INTO shop.items VALUES (1, 'pen', '2024-01-01 10:00:00+00'),"
            + " (2, 'ink', '2024-01-01 10:00:00+00'), (3, 'pad', '2024-01-02 09:30:00+00')");
  }

  @AfterEach
  void dropFixture() throws Exception {
    database.close();
  }

  @Override
  protected Connector connector() {
    return new PostgresConnector();
  }

  @Override
  protected ConnectorConfig config() {
    return database.config(Map.of());
  }

  @Override
  protected ConnectorConfig unreachableConfig() {
    return database.config(Map.of("port", closedPort()));
  }

  @Override
  protected Optional<ConnectorConfig> wrongCredentialsConfig() {
    return Optional.of(database.config(Map.of("password", "wrong-password-42")));
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
      database.execute(
          "INSERT INTO shop.items VALUES ("
              + id
              + ", 'new', timestamptz '2024-02-01 00:00:00+00' + interval '"
              + id
              + " seconds')");
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

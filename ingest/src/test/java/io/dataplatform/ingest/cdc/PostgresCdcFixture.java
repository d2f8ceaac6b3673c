package io.dataplatform.ingest.cdc;

import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.ReadRequest;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceStream;
import io.dataplatform.api.connector.StreamState;
import io.dataplatform.api.connector.SyncMode;
import io.dataplatform.ingest.testing.PostgresTestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database with table {@code items} on the real PostgreSQL server of {@code .ci/postgres-start}
 * for each test, and the change data capture connection that reads it.
 */
abstract class PostgresCdcFixture {
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  static final String STREAM = "public.items";

  @TempDir Path work;
  String database;
  String connectionName;

  @BeforeEach
  void createDatabase() throws SQLException {
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    database = "dp_cdc_" + suffix;
    connectionName = "cdc-test-" + suffix;
    PostgresTestDatabases.create(database);
    sql(
        "CREATE TABLE items (id int PRIMARY KEY, name text, price numeric(10,2),"
            + " updated timestamptz)",
        "INSERT INTO items VALUES (1, 'one', 1.50, '2024-01-01T10:00:00Z'),"
            + " (2, 'two', 2.00, NULL), (3, 'three', 3.25, '2024-03-01T00:00:00+02:00')");
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    try {
      CdcReaders.releasePostgres(config(), connectionName);
    } finally {
      PostgresTestDatabases.drop(database);
    }
  }

  ReadRequest request(StreamState state) {
    return new ReadRequest(
        List.of(
            new ConfiguredStream(stream(), SyncMode.CDC, Optional.empty(), List.of("id"), state)),
        connectionName,
        work,
        1000);
  }

  static SourceStream stream() {
    return new SourceStream(
        STREAM,
        List.of(
            new SourceColumn("id", DataType.INT, SourceColumn.Nullability.NOT_NULL, "int4"),
            SourceColumn.nullable("name", DataType.STRING, "text"),
            SourceColumn.nullable("price", DataType.decimal(10, 2), "numeric(10,2)"),
            SourceColumn.nullable("updated", DataType.TIMESTAMPTZ, "timestamptz")),
        List.of("id"),
        List.of(),
        Optional.empty(),
        Set.of(SyncMode.CDC));
  }

  ConnectorConfig config() {
    return new ConnectorConfig(
        "postgres",
        Map.of(
            "host", "127.0.0.1",
            "port", 5432,
            "database", database,
            "user", "dp",
            "password", "dp"));
  }

  void sql(String... statements) throws SQLException {
    try (Connection connection = connect(database);
        Statement statement = connection.createStatement()) {
      for (String text : statements) {
        statement.execute(text);
      }
    }
  }

  long count(String query) throws SQLException {
    try (Connection connection = connect(database);
        Statement statement = connection.createStatement();
        var result = statement.executeQuery(query)) {
      result.next();
      return result.getLong(1);
    }
  }

  static Connection connect(String database) throws SQLException {
    return PostgresTestDatabases.connect(database);
  }
}

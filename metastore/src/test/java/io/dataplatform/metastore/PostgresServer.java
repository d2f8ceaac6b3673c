package io.dataplatform.metastore;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The PostgreSQL server that integration tests use: the one {@code .ci/run} installs and starts
 * (Debian {@code postgresql}), reached through {@code DP_TEST_POSTGRES_URL}, user and password in
 * {@code DP_TEST_POSTGRES_USER} / {@code DP_TEST_POSTGRES_PASSWORD}. Each call makes a fresh
 * database so tests never see each other's rows.
 */
public final class PostgresServer {
  static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/dp_test";

  private PostgresServer() {}

  /** A config for a new, empty database; skips the test out loud when no server is configured. */
  public static MetastoreConfig freshDatabase() {
    String url = System.getenv().getOrDefault("DP_TEST_POSTGRES_URL", DEFAULT_URL);
    String user = System.getenv().getOrDefault("DP_TEST_POSTGRES_USER", "dp");
    String password = System.getenv().getOrDefault("DP_TEST_POSTGRES_PASSWORD", "dp");
    String database = "dp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (var connection = DriverManager.getConnection(url, user, password);
        var statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      String reason =
          "PostgreSQL is not reachable at "
              + url
              + " as "
              + user
              + ": "
              + e.getMessage()
              + ". .ci/run starts one; locally run .ci/postgres-start";
      if ("true".equals(System.getenv("CI"))) {
        fail(reason);
      }
      assumeTrue(false, reason);
    }
    dropAtExit(url, user, password, database);
    String databaseUrl = url.substring(0, url.lastIndexOf('/') + 1) + database;
    return new MetastoreConfig(databaseUrl, user, password);
  }

  /**
   * Drops the database when the test JVM exits, after every test of the fork (and its pools) is
   * done with it; best effort, so that test runs do not leave databases behind.
   */
  private static void dropAtExit(String url, String user, String password, String database) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try (var connection = DriverManager.getConnection(url, user, password);
                      var statement = connection.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                  } catch (SQLException e) {
                    // a database left behind is harmless; the next run makes its own
                  }
                },
                "drop-" + database));
  }
}

package io.dataplatform.ingest.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Databases of one test on the test PostgreSQL server ({@code .ci/postgres-start}: 127.0.0.1:5432,
 * role {@code dp} with CREATEDB and REPLICATION, maintenance database {@code dp_test}). Shared by
 * the ingestion tests and, through this module's test jar, the end-to-end tests.
 */
public final class PostgresTestDatabases {
  public static final String HOST = "127.0.0.1";
  public static final int PORT = 5432;
  public static final String USER = "dp";
  public static final String PASSWORD = "dp";
  public static final String ADMIN_DATABASE = "dp_test";

  /** How long a drop keeps retrying while the database is still held. */
  private static final Duration DROP_PATIENCE = Duration.ofSeconds(10);

  private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

  private PostgresTestDatabases() {}

  /** A connection to {@code database} as the test role. */
  public static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database, USER, PASSWORD);
  }

  /** Creates an empty database; {@code name} must be a plain lower-case identifier. */
  public static void create(String name) throws SQLException {
    try (Connection admin = connect(ADMIN_DATABASE);
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + identifier(name));
    }
  }

  /**
   * Drops a database if it exists, with its replication slots, ending its sessions. Retries for a
   * few seconds: {@code WITH (FORCE)} cannot end an autovacuum worker that started on the new
   * database (it runs as another role: "must be a member of the role whose process is being
   * terminated"), and a slot stays active until the walsender of a stopped reader has exited.
   */
  public static void drop(String name) throws SQLException {
    String database = identifier(name);
    long deadline = System.nanoTime() + DROP_PATIENCE.toNanos();
    while (true) {
      try (Connection admin = connect(ADMIN_DATABASE)) {
        dropSlots(admin, database);
        try (Statement statement = admin.createStatement()) {
          statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
        return;
      } catch (SQLException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        pause(e);
      }
    }
  }

  private static void dropSlots(Connection admin, String database) throws SQLException {
    try (PreparedStatement slots =
        admin.prepareStatement(
            "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                + " WHERE database = ? AND NOT active")) {
      slots.setString(1, database);
      slots.execute();
    }
  }

  private static void pause(SQLException failure) throws SQLException {
    try {
      Thread.sleep(RETRY_PAUSE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure;
    }
  }

  private static String identifier(String name) {
    if (!name.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException(
          "Cannot use test database: the name is not a plain identifier (" + name + ")");
    }
    return name;
  }
}

package io.dataplatform.server.demo;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The demo's source system: a real PostgreSQL server (binaries shipped as a Maven artifact, no
 * install) holding a small shop database, with logical decoding on so the platform can follow it by
 * change data capture. Its files live under the platform's data directory, so a second {@code dp
 * demo} finds the same shop.
 */
public final class ShopDatabase implements AutoCloseable {
  /** The database, user and password the demo connection uses. */
  public static final String DATABASE = "shop";

  public static final String USER = "shop";
  public static final String PASSWORD = "shop-demo";

  private final EmbeddedPostgres server;
  private final int port;

  private ShopDatabase(EmbeddedPostgres server) {
    this.server = server;
    this.port = server.getPort();
  }

  /**
   * Starts the server on {@code port} with its data in {@code directory}, creating and filling the
   * shop database on first start.
   */
  public static ShopDatabase start(Path directory, int port) {
    requireNonNull(directory, "directory");
    EmbeddedPostgres server;
    try {
      Files.createDirectories(directory);
      server =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory.resolve("data"))
              .setCleanDataDirectory(false)
              .setOverrideWorkingDirectory(directory.resolve("binaries").toFile())
              .setPort(port)
              // stopped by its owner, after what reads from it (the demo's CDC sync)
              .setRegisterShutdownHook(false)
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("wal_level", "logical")
              .setServerConfig("max_replication_slots", "8")
              .setServerConfig("max_wal_senders", "8")
              .start();
    } catch (IOException | RuntimeException e) {
      throw new DpException(
          StandardErrorCode.EXTERNAL_FAILURE,
          "Cannot start the demo PostgreSQL server: "
              + e.getMessage()
              + " (port "
              + port
              + ", "
              + directory
              + "); is the port free? choose another with --demo-postgres-port",
          e);
    }
    ShopDatabase shop = new ShopDatabase(server);
    try {
      shop.createIfMissing();
    } catch (SQLException | RuntimeException e) {
      shop.close();
      throw new DpException(
          StandardErrorCode.EXTERNAL_FAILURE,
          "Cannot create the demo shop database: " + e.getMessage(),
          e);
    }
    return shop;
  }

  public int port() {
    return port;
  }

  /** The JDBC URL of the shop database. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  /** A new connection to the shop database as its owner. */
  public Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", USER);
    properties.setProperty("password", PASSWORD);
    return DriverManager.getConnection(jdbcUrl(), properties);
  }

  private void createIfMissing() throws SQLException {
    try (Connection admin = server.getPostgresDatabase().getConnection();
        Statement statement = admin.createStatement()) {
      boolean exists;
      try (ResultSet rows =
          statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
        exists = rows.next();
      }
      if (exists) {
        return;
      }
      statement.execute("CREATE ROLE " + USER + " LOGIN REPLICATION PASSWORD '" + PASSWORD + "'");
      statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
    }
    try (Connection shop = connect()) {
      ShopData.create(shop);
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new DpException(
          StandardErrorCode.EXTERNAL_FAILURE,
          "Cannot stop the demo PostgreSQL server: " + e.getMessage(),
          e);
    }
  }
}

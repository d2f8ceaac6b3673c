package io.dataplatform.ingest.source.jdbc;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.lang.reflect.InvocationTargetException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * How to open a connection to one database: a JDBC URL with its properties (user, password, SSL),
 * and optionally the driver class to load.
 *
 * @param source the connector type, for messages ({@code postgres})
 * @param url the JDBC URL
 * @param user the user name, empty when the URL carries it
 * @param password the password, empty when there is none; never printed
 * @param properties further driver properties (timeouts, SSL mode)
 * @param driverClass a driver class to instantiate instead of asking {@link DriverManager}
 */
public record JdbcEndpoint(
    String source,
    String url,
    Optional<String> user,
    Optional<String> password,
    Properties properties,
    Optional<String> driverClass) {
  public JdbcEndpoint {
    requireNonNull(source, "source");
    requireNonNull(url, "url");
    requireNonNull(user, "user");
    requireNonNull(password, "password");
    Properties copy = new Properties();
    copy.putAll(requireNonNull(properties, "properties"));
    properties = copy;
    requireNonNull(driverClass, "driverClass");
  }

  /** Opens a connection, turning every failure into a "Cannot connect …" message. */
  public Connection connect() {
    Properties all = new Properties();
    all.putAll(properties);
    user.ifPresent(name -> all.setProperty("user", name));
    password.ifPresent(secret -> all.setProperty("password", secret));
    try {
      Connection connection = driver().connect(url, all);
      if (connection == null) {
        throw JdbcErrors.connect(
            this, new SQLException("the driver does not accept the URL", "08001"));
      }
      return connection;
    } catch (SQLException e) {
      throw JdbcErrors.connect(this, e);
    }
  }

  /** The URL without secrets, for messages. */
  public String displayUrl() {
    return JdbcErrors.redact(this, url.replaceAll("(?i)(password=)[^&;]*", "$1***"));
  }

  private Driver driver() {
    if (driverClass.isEmpty()) {
      try {
        return DriverManager.getDriver(url);
      } catch (SQLException e) {
        throw driverProblem("no driver on the class path accepts the URL", e);
      }
    }
    try {
      Class<?> type = Class.forName(driverClass.get(), true, JdbcEndpoint.class.getClassLoader());
      return (Driver) type.getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw driverProblem(
          "the driver class is not on the class path (" + driverClass.get() + ")", e);
    } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
      Throwable cause = e instanceof InvocationTargetException target ? target.getCause() : e;
      throw driverProblem(
          "the driver class cannot be instantiated (" + driverClass.get() + ": " + cause + ")", e);
    }
  }

  private DpException driverProblem(String reason, Throwable cause) {
    return new DpException(
        StandardErrorCode.INVALID_CONFIGURATION,
        "Cannot connect to " + source + " source " + displayUrl() + ": " + reason,
        cause);
  }

  @Override
  public String toString() {
    return "JdbcEndpoint[" + source + ", " + displayUrl() + ", user " + user.orElse("") + "]";
  }
}

package io.dataplatform.metastore;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Runs repository work in one database transaction. The work gets a data source whose every
 * connection is the transaction's, so repositories built on it write together or not at all.
 */
public final class Transactions {
  private Transactions() {}

  /**
   * Runs {@code work} in one transaction of {@code dataSource}: committed when it returns, rolled
   * back when it throws.
   */
  public static <T> T run(DataSource dataSource, Function<DataSource, T> work) {
    requireNonNull(dataSource, "dataSource");
    requireNonNull(work, "work");
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.apply(single(connection));
        connection.commit();
        return result;
      } catch (RuntimeException | Error e) {
        rollback(connection, e);
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new DpException(
          StandardErrorCode.INTERNAL_ERROR,
          "Cannot run metastore transaction: " + e.getMessage(),
          e);
    }
  }

  private static void rollback(Connection connection, Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /** A data source that hands out the transaction's connection, which its users cannot close. */
  private static DataSource single(Connection connection) {
    Connection shared =
        (Connection)
            Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> {
                  switch (method.getName()) {
                    case "close":
                      return null;
                    case "setAutoCommit":
                    case "commit":
                    case "rollback":
                      throw new SQLException(
                          "Cannot " + method.getName() + " inside a metastore transaction");
                    default:
                      return invoke(connection, method, arguments);
                  }
                });
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, arguments) -> {
              if (method.getName().equals("getConnection")) {
                return shared;
              }
              throw new UnsupportedOperationException(
                  "Cannot " + method.getName() + " a metastore transaction's data source");
            });
  }

  private static Object invoke(Object target, Method method, Object[] arguments) throws Throwable {
    try {
      return method.invoke(target, arguments);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}

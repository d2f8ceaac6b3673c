package io.dataplatform.lakehouse.sql;

import io.dataplatform.api.Cancellation;
import io.dataplatform.lakehouse.io.StatementFiles;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One statement's connection to the lakehouse's {@link DuckDatabase}, whose default catalog is an
 * in-memory database of its own, detached when the statement ends. Every JDBC statement made on
 * {@link #connection()} is known to the session, so a cancel reaches whichever of them DuckDB is
 * executing ({@code Statement.cancel} interrupts the connection's running query).
 */
final class DuckSession implements AutoCloseable {
  private final Connection raw;
  private final Connection connection;
  private final String catalog;
  private final StatementFiles files;
  private final Cancellation cancellation;
  private final Set<Statement> statements = ConcurrentHashMap.newKeySet();
  private final Cancellation.Registration registration;

  DuckSession(
      Connection connection, String catalog, StatementFiles files, Cancellation cancellation) {
    this.raw = connection;
    this.catalog = catalog;
    this.files = files;
    this.cancellation = cancellation;
    this.connection =
        (Connection)
            Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> invoke(method, arguments));
    this.registration = cancellation.onCancel(this::interrupt);
  }

  /** The session's connection; statements made on it stop when the session is canceled. */
  Connection connection() {
    return connection;
  }

  /** The local files the statement reads and writes; released when the session closes. */
  StatementFiles files() {
    return files;
  }

  /** Whether the session's statements were stopped by a cancel. */
  boolean canceled() {
    return cancellation.canceled();
  }

  Cancellation cancellation() {
    return cancellation;
  }

  private Object invoke(Method method, Object[] arguments) throws Throwable {
    boolean makesStatement =
        method.getName().equals("prepareStatement") || method.getName().equals("createStatement");
    if (makesStatement && cancellation.canceled()) {
      throw new SQLException("INTERRUPT Error: the statement was canceled");
    }
    Object result;
    try {
      result = method.invoke(raw, arguments);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    if (makesStatement) {
      statements.add((Statement) result);
      if (cancellation.canceled()) {
        cancel((Statement) result);
      }
    }
    return result;
  }

  private void interrupt() {
    for (Statement statement : statements) {
      cancel(statement);
    }
  }

  private static void cancel(Statement statement) {
    try {
      if (!statement.isClosed()) {
        statement.cancel();
      }
    } catch (SQLException e) {
      // the statement ended meanwhile: nothing left to stop
    }
  }

  void execute(String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.execute();
    }
  }

  long update(String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.execute();
      long count = statement.getUpdateCount();
      if (count < 0) {
        try (ResultSet rows = statement.getResultSet()) {
          return rows != null && rows.next() ? rows.getLong(1) : 0;
        }
      }
      return count;
    }
  }

  /** All rows of a query, each as an array of {@code getObject} values. */
  List<Object[]> query(String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        int columns = rows.getMetaData().getColumnCount();
        List<Object[]> result = new ArrayList<>();
        while (rows.next()) {
          Object[] row = new Object[columns];
          for (int i = 0; i < columns; i++) {
            row[i] = rows.getObject(i + 1);
          }
          result.add(row);
        }
        return result;
      }
    }
  }

  @Override
  public void close() {
    registration.close();
    statements.clear();
    try (raw;
        var statement = raw.createStatement()) {
      statement.execute("USE memory; DETACH " + catalog);
    } catch (SQLException e) {
      // the catalog held only views; closing the connection releases it in any case
    } finally {
      files.close();
    }
  }
}

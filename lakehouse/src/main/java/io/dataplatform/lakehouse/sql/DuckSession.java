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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One statement's connection to the lakehouse's {@link DuckDatabase}, whose default catalog is an
 * in-memory database of its own, detached when the statement ends. Every JDBC statement made on
 * {@link #connection()} is known to the session, so a cancel reaches whichever of them DuckDB is
 * executing ({@code Statement.cancel} interrupts the connection's running query).
 *
 * <p>A query's session may share its catalog ({@link SharedCatalogs}): the schemas and views it
 * {@linkplain #declare declares} are then only collected, and when the query is about to be
 * prepared the session uses a catalog that holds exactly those, attaching and filling one only when
 * none does. Anything else run on the session before that gives it a catalog of its own.
 */
final class DuckSession implements AutoCloseable {
  private final Connection raw;
  private final Connection connection;
  private final Connection unattached;
  private final String ownCatalog;
  private final Optional<SharedCatalogs> shared;
  private final StatementFiles files;
  private final Cancellation cancellation;
  private final Set<Statement> statements = ConcurrentHashMap.newKeySet();
  private final Cancellation.Registration registration;
  private final List<String> declared = new ArrayList<>();

  /** The catalog in use, once there is one; the session's own or a shared one. */
  private String catalog;

  private boolean usesShared;

  /**
   * A session whose catalog {@code ownCatalog} is attached already (no {@code shared}), or is
   * attached under that name only when no shared catalog fits (with {@code shared}).
   */
  DuckSession(
      Connection connection,
      String ownCatalog,
      Optional<SharedCatalogs> shared,
      StatementFiles files,
      Cancellation cancellation) {
    this.raw = connection;
    this.ownCatalog = ownCatalog;
    this.shared = shared;
    this.catalog = shared.isPresent() ? null : ownCatalog;
    this.files = files;
    this.cancellation = cancellation;
    this.connection = proxy(true);
    this.unattached = proxy(false);
    this.registration = cancellation.onCancel(this::interrupt);
  }

  private Connection proxy(boolean needsCatalog) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, arguments) -> invoke(method, arguments, needsCatalog));
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

  /**
   * The connection before the statement's catalog is chosen, for work that reads no catalog (the
   * engine parsing SQL or evaluating constants); once chosen, the same as {@link #connection()}.
   */
  Connection unattached() {
    return unattached;
  }

  private Object invoke(Method method, Object[] arguments, boolean needsCatalog) throws Throwable {
    boolean makesStatement =
        method.getName().equals("prepareStatement") || method.getName().equals("createStatement");
    if (makesStatement && cancellation.canceled()) {
      throw new SQLException("INTERRUPT Error: the statement was canceled");
    }
    if (makesStatement && needsCatalog) {
      useCatalog(false);
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

  /**
   * Creates a schema or view the statement reads ({@code CREATE SCHEMA}, {@code CREATE VIEW}, with
   * unqualified names); a session that may share its catalog only collects it.
   */
  void declare(String ddl) throws SQLException {
    if (catalog == null) {
      declared.add(ddl);
    } else {
      execute(ddl);
    }
  }

  /**
   * Chooses the catalog now: a shared one holding exactly what was declared, when {@code share} and
   * the session may share; else one of its own, attached and filled with the declarations.
   */
  void useCatalog(boolean share) throws SQLException {
    if (catalog != null) {
      return;
    }
    String definitions = String.join(";\n", declared);
    if (share && shared.isPresent()) {
      Optional<String> existing = shared.get().acquire(definitions);
      if (existing.isPresent()) {
        use(existing.get());
        usesShared = true;
        return;
      }
    }
    try (Statement statement = raw.createStatement()) {
      statement.execute("ATTACH ':memory:' AS " + ownCatalog + "; USE " + ownCatalog);
    }
    catalog = ownCatalog;
    for (String ddl : declared) {
      execute(ddl);
    }
    declared.clear();
    usesShared = share && shared.isPresent() && shared.get().adopt(definitions, ownCatalog);
  }

  private void use(String name) throws SQLException {
    try (Statement statement = raw.createStatement()) {
      statement.execute("USE " + name);
    } catch (SQLException e) {
      shared.get().release(name);
      throw e;
    }
    catalog = name;
    declared.clear();
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
    return query(connection, sql, parameters);
  }

  /** All rows of a query on {@code connection}, each as an array of {@code getObject} values. */
  static List<Object[]> query(Connection connection, String sql, Object... parameters)
      throws SQLException {
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
      if (usesShared) {
        List<String> evicted = shared.get().release(catalog);
        for (String name : evicted) {
          statement.execute("USE memory; DETACH " + name);
        }
      } else if (catalog != null) {
        statement.execute("USE memory; DETACH " + catalog);
      }
    } catch (SQLException e) {
      // the catalogs held only views; closing the connection releases them in any case
    } finally {
      files.close();
    }
  }
}

package io.dataplatform.lakehouse.flight;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.lakehouse.sql.ColumnDescriptor;
import io.dataplatform.lakehouse.sql.PlannedQuery;
import io.dataplatform.lakehouse.sql.SqlService;
import io.dataplatform.lakehouse.sql.SqlSession;
import io.dataplatform.lakehouse.sql.StatementResult;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSetMetaData;
import org.duckdb.StatementReturnType;

/**
 * A {@link SqlService} over a plain in-memory DuckDB with a few tables in schema {@code demo}. It
 * records what the endpoint told it about each statement.
 */
final class FakeSqlService implements SqlService, AutoCloseable {
  static final String FORBIDDEN_TABLE = "demo.forbidden";

  private final DuckDBConnection connection;
  private final AtomicInteger queryIds = new AtomicInteger();
  final ConcurrentLinkedQueue<Executed> executed = new ConcurrentLinkedQueue<>();

  /** What happened to one executed statement. */
  static final class Executed {
    final String sql;
    final String username;
    final List<Object> parameters;
    volatile long rowsReturned = -1;
    volatile Throwable failure;
    volatile boolean closed;

    Executed(String sql, String username, List<Object> parameters) {
      this.sql = sql;
      this.username = username;
      this.parameters = parameters;
    }
  }

  FakeSqlService() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("autoinstall_known_extensions", "false");
    properties.setProperty("autoload_known_extensions", "false");
    properties.setProperty("jdbc_stream_results", "true");
    connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", properties);
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA demo");
      statement.execute(
          "CREATE TABLE demo.all_types (id INTEGER, small SMALLINT, big BIGINT, flag BOOLEAN,"
              + " real_value FLOAT, double_value DOUBLE, amount DECIMAL(15,2),"
              + " precise DECIMAL(38,10), day DATE, happened_at TIMESTAMP, happened_at_zone TIMESTAMPTZ,"
              + " clock TIME, name VARCHAR, payload BLOB, tags VARCHAR[], scores INTEGER[])");
      statement.execute(
          "INSERT INTO demo.all_types VALUES"
              + " (1, 7, 9000000000, true, 1.5, 2.25, 12345.67, 1.0000000001,"
              + " DATE '2024-02-29', TIMESTAMP '2024-03-01 12:34:56.789123',"
              + " TIMESTAMPTZ '2024-03-01 12:00:00+00', TIME '23:59:58', 'Zoë', '\\x01\\x02'::BLOB,"
              + " ['a', 'b'], [1, 2, 3]),"
              + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
              + " NULL, NULL, NULL)");
      statement.execute(
          "CREATE TABLE demo.people (id INTEGER NOT NULL, name VARCHAR, city VARCHAR)");
      statement.execute(
          "INSERT INTO demo.people VALUES (1, 'Ada', 'London'), (2, 'Grace', 'New York'),"
              + " (3, 'Edsger', NULL)");
      statement.execute("CREATE TABLE demo.scratch (id INTEGER, label VARCHAR, day DATE)");
      statement.execute(
          "CREATE VIEW demo.london AS SELECT * FROM demo.people WHERE city = 'London'");
    }
  }

  @Override
  public StatementResult execute(SqlSession session, String sql, List<Object> parameters) {
    Executed record = new Executed(sql, session.username(), parameters);
    executed.add(record);
    refuseForbidden(sql);
    return run(record, sql, parameters);
  }

  /**
   * Plans queries as the engine does: the statement counts as executed from now on, and runs when
   * the planned query runs.
   */
  @Override
  public Optional<PlannedQuery> plan(SqlSession session, String sql) {
    refuseForbidden(sql);
    List<ColumnDescriptor> columns = describe(session, sql);
    if (columns.isEmpty()) {
      return Optional.empty();
    }
    Executed record = new Executed(sql, session.username(), List.of());
    executed.add(record);
    AtomicBoolean used = new AtomicBoolean();
    return Optional.of(
        new PlannedQuery() {
          @Override
          public List<ColumnDescriptor> columns() {
            return columns;
          }

          @Override
          public StatementResult run() {
            if (!used.compareAndSet(false, true)) {
              throw new IllegalStateException("Cannot run query: it already ran or was closed");
            }
            return FakeSqlService.this.run(record, sql, List.of());
          }

          @Override
          public void close() {
            if (used.compareAndSet(false, true)) {
              record.failure = new CancellationException("Cannot run query: closed before it ran");
              record.closed = true;
            }
          }
        });
  }

  private static void refuseForbidden(String sql) {
    if (sql.contains(FORBIDDEN_TABLE)) {
      throw new DpException(
          StandardErrorCode.PERMISSION_DENIED,
          "Cannot read table: permission denied (" + FORBIDDEN_TABLE + ")");
    }
  }

  private StatementResult run(Executed record, String sql, List<Object> parameters) {
    Connection duplicate = null;
    try {
      duplicate = connection.duplicate();
      PreparedStatement statement = duplicate.prepareStatement(sql);
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      boolean hasRows = statement.execute();
      if (hasRows) {
        return new Result(record, duplicate, statement, statement.getResultSet(), -1);
      }
      long count = Math.max(statement.getUpdateCount(), 0);
      return new Result(record, duplicate, statement, null, count);
    } catch (SQLException e) {
      closeQuietly(duplicate);
      throw new DpException(StandardErrorCode.SQL_ERROR, e.getMessage(), e);
    }
  }

  @Override
  public List<ColumnDescriptor> describe(SqlSession session, String sql) {
    try (Connection duplicate = connection.duplicate();
        PreparedStatement statement = duplicate.prepareStatement(sql)) {
      ResultSetMetaData metaData = statement.getMetaData();
      if (((DuckDBResultSetMetaData) metaData).getReturnType()
          != StatementReturnType.QUERY_RESULT) {
        return List.of();
      }
      List<ColumnDescriptor> columns = new ArrayList<>();
      for (int i = 1; i <= metaData.getColumnCount(); i++) {
        columns.add(
            new ColumnDescriptor(
                metaData.getColumnLabel(i),
                metaData.getColumnTypeName(i),
                metaData.getColumnType(i)));
      }
      return columns;
    } catch (SQLException e) {
      throw new DpException(StandardErrorCode.SQL_ERROR, e.getMessage(), e);
    }
  }

  /** The statements run so far whose text contains the given fragment. */
  List<Executed> executedContaining(String fragment) {
    return executed.stream().filter(record -> record.sql.contains(fragment)).toList();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      // nothing left to release
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }

  private final class Result implements StatementResult {
    private final Executed record;
    private final Connection duplicate;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final long updateCount;
    private final String queryId = "q" + queryIds.incrementAndGet();

    Result(
        Executed record,
        Connection duplicate,
        PreparedStatement statement,
        ResultSet rows,
        long updateCount) {
      this.record = record;
      this.duplicate = duplicate;
      this.statement = statement;
      this.rows = rows;
      this.updateCount = updateCount;
    }

    @Override
    public String queryId() {
      return queryId;
    }

    @Override
    public Optional<ResultSet> rows() {
      return Optional.ofNullable(rows);
    }

    @Override
    public long updateCount() {
      return updateCount;
    }

    @Override
    public void rowsReturned(long count) {
      record.rowsReturned = count;
    }

    @Override
    public void failed(Throwable error) {
      record.failure = error;
    }

    @Override
    public void close() {
      closeQuietly(rows);
      closeQuietly(statement);
      closeQuietly(duplicate);
      record.closed = true;
    }
  }
}

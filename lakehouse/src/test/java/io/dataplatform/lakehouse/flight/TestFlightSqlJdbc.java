package io.dataplatform.lakehouse.flight;

import static io.dataplatform.lakehouse.flight.FlightClients.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.lakehouse.flight.FakeSqlService.Executed;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The endpoint through the Arrow Flight SQL JDBC driver, as BI tools use it. */
class TestFlightSqlJdbc {
  private static FlightTestServer server;
  private static Connection connection;

  @BeforeAll
  static void start() throws Exception {
    server = new FlightTestServer();
    connection = connect(FlightTestServer.USER, FlightTestServer.PASSWORD);
  }

  @AfterAll
  static void stop() throws Exception {
    connection.close();
    server.close();
  }

  private static Connection connect(String user, String password) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    return DriverManager.getConnection(server.jdbcUrl(), properties);
  }

  @Test
  void queryReadsEveryType() throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT * FROM demo.all_types ORDER BY id")) {
      ResultSetMetaData metaData = rows.getMetaData();
      assertEquals(Types.DECIMAL, metaData.getColumnType(7));
      assertEquals(15, metaData.getPrecision(7));
      assertEquals(2, metaData.getScale(7));
      assertEquals(Types.DATE, metaData.getColumnType(9));
      assertEquals(Types.TIMESTAMP, metaData.getColumnType(10));
      assertEquals(Types.ARRAY, metaData.getColumnType(15));

      assertTrue(rows.next());
      assertEquals(1, rows.getInt("id"));
      assertEquals(7, rows.getShort("small"));
      assertEquals(9_000_000_000L, rows.getLong("big"));
      assertTrue(rows.getBoolean("flag"));
      assertEquals(1.5f, rows.getFloat("real_value"));
      assertEquals(2.25d, rows.getDouble("double_value"));
      assertEquals(new BigDecimal("12345.67"), rows.getBigDecimal("amount"));
      assertEquals(new BigDecimal("1.0000000001"), rows.getBigDecimal("precise"));
      assertEquals(Date.valueOf(LocalDate.of(2024, 2, 29)), rows.getDate("day"));
      assertEquals(
          Timestamp.valueOf(LocalDateTime.of(2024, 3, 1, 12, 34, 56, 789_123_000)),
          rows.getTimestamp("happened_at"));
      assertEquals("23:59:58", rows.getTime("clock").toString());
      assertEquals("Zoë", rows.getString("name"));
      assertEquals(List.of(1, 2, 3), List.of((Object[]) rows.getArray("scores").getArray()));

      assertTrue(rows.next());
      assertEquals(2, rows.getInt("id"));
      assertNull(rows.getBigDecimal("amount"));
      assertNull(rows.getString("name"));
      assertNull(rows.getDate("day"));
      rows.getInt("small");
      assertTrue(rows.wasNull());
      assertFalse(rows.next());
    }
  }

  @Test
  void updatesReturnTheirRowCount() throws Exception {
    try (Statement statement = connection.createStatement()) {
      assertEquals(0, statement.executeUpdate("CREATE TABLE demo.jdbc_counted (id INTEGER)"));
      assertEquals(2, statement.executeUpdate("INSERT INTO demo.jdbc_counted VALUES (1), (2)"));
      assertEquals(2, statement.executeUpdate("UPDATE demo.jdbc_counted SET id = id + 10"));
      assertEquals(0, statement.executeUpdate("DROP TABLE demo.jdbc_counted"));
    }
  }

  @Test
  void preparedStatementsBindTypedParameters() throws Exception {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT name, city FROM demo.people WHERE id >= ? AND name <> ? ORDER BY id")) {
      query.setInt(1, 2);
      query.setString(2, "Edsger");
      try (ResultSet rows = query.executeQuery()) {
        assertTrue(rows.next());
        assertEquals("Grace", rows.getString(1));
        assertEquals("New York", rows.getString(2));
        assertFalse(rows.next());
      }
      query.setInt(1, 1);
      query.setString(2, "Grace");
      try (ResultSet rows = query.executeQuery()) {
        assertTrue(rows.next());
        assertEquals("Ada", rows.getString(1));
        assertTrue(rows.next());
        assertEquals("Edsger", rows.getString(1));
      }
    }
  }

  @Test
  void preparedUpdatesBindTypedParameters() throws Exception {
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO demo.scratch VALUES (?, ?, ?)")) {
      insert.setInt(1, 200);
      insert.setString(2, "from jdbc");
      insert.setDate(3, Date.valueOf(LocalDate.of(2025, 6, 30)));
      assertEquals(1, insert.executeUpdate());
    }
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT label, day FROM demo.scratch WHERE id = 200")) {
      assertTrue(rows.next());
      assertEquals("from jdbc", rows.getString(1));
      assertEquals(Date.valueOf(LocalDate.of(2025, 6, 30)), rows.getDate(2));
      assertEquals(1, statement.executeUpdate("DELETE FROM demo.scratch WHERE id = 200"));
    }
  }

  @Test
  void nestedAndEngineSpecificTypesReadThroughJdbc() throws Exception {
    String sql =
        "SELECT 'x'::ENUM('x', 'y') AS choice, {'a': 1, 'b': 'q'} AS record,"
            + " MAP {'k': 1} AS lookup, TIMESTAMPTZ '2024-01-02 03:04:05+00' AS moment,"
            + " 170141183460469231731687303715884105727::HUGEINT AS huge,"
            + " [[1, 2], [3]] AS nested, '5633bcd6-97c6-4d0e-a984-dd49fef8479b'::UUID AS id";
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      assertTrue(rows.next());
      assertEquals(Types.VARCHAR, rows.getMetaData().getColumnType(1));
      assertEquals("x", rows.getString("choice"));
      assertEquals("{\"a\":1,\"b\":\"q\"}", rows.getObject("record").toString());
      assertEquals("{\"k\":1}", rows.getObject("lookup").toString());
      assertEquals(
          Timestamp.valueOf(LocalDateTime.of(2024, 1, 2, 3, 4, 5)), rows.getTimestamp("moment"));
      assertEquals(
          new BigDecimal("170141183460469231731687303715884105727"), rows.getBigDecimal("huge"));
      assertEquals("[[1,2],[3]]", rows.getArray("nested").toString());
      assertEquals("5633bcd6-97c6-4d0e-a984-dd49fef8479b", rows.getString("id"));
    }
  }

  @Test
  void batchesTimestampsAndDecimalsBindAsParameters() throws Exception {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE demo.jdbc_batch (id INTEGER, seen TIMESTAMP, cost DECIMAL(9,2))");
    }
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO demo.jdbc_batch VALUES (?, ?, ?)")) {
      for (int i = 0; i < 3; i++) {
        insert.setInt(1, i);
        insert.setTimestamp(
            2, Timestamp.valueOf(LocalDateTime.of(2025, 1, 1, 10, i, 30, 250_000_000)));
        insert.setBigDecimal(3, new BigDecimal(i + ".50"));
        insert.addBatch();
      }
      assertEquals(3, java.util.Arrays.stream(insert.executeBatch()).sum());
    }
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT id, seen, cost FROM demo.jdbc_batch WHERE seen > ? AND cost < ? ORDER BY id")) {
      query.setTimestamp(1, Timestamp.valueOf(LocalDateTime.of(2025, 1, 1, 10, 0, 31)));
      query.setBigDecimal(2, new BigDecimal("2.00"));
      try (ResultSet rows = query.executeQuery()) {
        assertTrue(rows.next());
        assertEquals(1, rows.getInt(1));
        assertEquals(
            Timestamp.valueOf(LocalDateTime.of(2025, 1, 1, 10, 1, 30, 250_000_000)),
            rows.getTimestamp(2));
        assertEquals(new BigDecimal("1.50"), rows.getBigDecimal(3));
        assertFalse(rows.next());
      }
    } finally {
      try (Statement statement = connection.createStatement()) {
        statement.execute("DROP TABLE demo.jdbc_batch");
      }
    }
  }

  @Test
  void wrongPasswordIsRefused() {
    SQLException error =
        assertThrows(SQLException.class, () -> connect(FlightTestServer.USER, "not-it"));
    assertTrue(
        error.getMessage().contains(FlightAuthenticator.FAILURE_MESSAGE), error.getMessage());
  }

  @Test
  void apiTokenPropertyAuthenticates() throws Exception {
    Properties properties = new Properties();
    properties.setProperty("token", FlightTestServer.API_TOKEN);
    try (Connection withToken = DriverManager.getConnection(server.jdbcUrl(), properties);
        Statement statement = withToken.createStatement();
        ResultSet rows = statement.executeQuery("SELECT 'token ok'")) {
      assertTrue(rows.next());
      assertEquals("token ok", rows.getString(1));
    }
  }

  @Test
  void missingCredentialsAreRefused() throws Exception {
    // The driver only calls the server when the first statement runs.
    try (Connection anonymous = DriverManager.getConnection(server.jdbcUrl(), new Properties());
        Statement statement = anonymous.createStatement()) {
      SQLException error =
          assertThrows(SQLException.class, () -> statement.executeQuery("SELECT 1"));
      assertTrue(
          error.getMessage().contains(FlightAuthenticator.FAILURE_MESSAGE), error.getMessage());
    }
  }

  @Test
  void badSqlReportsTheEngineMessageAndTheConnectionKeepsWorking() throws Exception {
    try (Statement statement = connection.createStatement()) {
      SQLException error =
          assertThrows(
              SQLException.class, () -> statement.executeQuery("SELECT * FROM demo.nowhere"));
      assertTrue(
          error.getMessage().contains("Table with name nowhere does not exist"),
          error.getMessage());
      try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM demo.people")) {
        assertTrue(rows.next());
        assertEquals(3, rows.getLong(1));
      }
    }
  }

  @Test
  void closingALargeResultEarlyReleasesItOnTheServer() throws Exception {
    String sql = "SELECT range AS n, 'jdbc padding' AS text FROM range(4000000)";
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      for (int i = 0; i < 10; i++) {
        assertTrue(rows.next());
        assertEquals(i, rows.getLong(1));
      }
    }
    Executed executed = server.sqlService.executedContaining(sql).get(0);
    awaitTrue("the abandoned result is closed", () -> executed.closed);
    assertTrue(executed.rowsReturned < 4_000_000, "rows returned: " + executed.rowsReturned);
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT 'still here'")) {
      assertTrue(rows.next());
      assertEquals("still here", rows.getString(1));
    }
  }

  @Test
  void largeResultIsReadCompletely() throws Exception {
    long count = 0;
    long sum = 0;
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT range AS n FROM range(1000000)")) {
      while (rows.next()) {
        sum += rows.getLong(1);
        count++;
      }
    }
    assertEquals(1_000_000, count);
    assertEquals(999_999L * 1_000_000L / 2, sum);
  }
}

package io.dataplatform.lakehouse.flight;

import static io.dataplatform.lakehouse.flight.FlightClients.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.lakehouse.flight.FakeSqlService.Executed;
import java.util.List;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A query without parameters starts running when it is prepared; its first execution takes that
 * result.
 */
class TestFlightPreparedQueries {
  private static FlightTestServer server;
  private static BufferAllocator allocator;
  private static FlightSqlClient client;
  private static CredentialCallOption token;

  @BeforeAll
  static void start() throws Exception {
    server = new FlightTestServer();
    allocator = new RootAllocator();
    FlightClients.LoggedIn loggedIn = FlightClients.logIn(allocator, server);
    client = loggedIn.client();
    token = loggedIn.token();
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    allocator.close();
    server.close();
  }

  @Test
  void firstExecutionTakesTheResultRunAtPrepareTime() throws Exception {
    String sql = "SELECT name FROM demo.people WHERE id = 1 -- prepared once";
    FlightSqlClient.PreparedStatement prepared = client.prepare(sql, token);
    try {
      assertEquals("name", prepared.getResultSetSchema().getFields().get(0).getName());
      assertEquals(1, server.sqlService.executedContaining(sql).size());
      List<List<Object>> first = rows(client, prepared.execute(token), token);
      assertEquals(1, server.sqlService.executedContaining(sql).size(), "not run a second time");
      assertEquals(first, rows(client, prepared.execute(token), token));
      assertEquals(2, server.sqlService.executedContaining(sql).size(), "later runs are new");
    } finally {
      prepared.close(token);
    }
    Executed run = server.sqlService.executedContaining(sql).get(0);
    assertEquals(1, run.rowsReturned);
    assertTrue(run.closed);
  }

  @Test
  void anUnusedResultIsReleasedWhenThePreparedStatementCloses() throws Exception {
    String sql = "SELECT id FROM demo.people -- prepared, never executed";
    FlightSqlClient.PreparedStatement prepared = client.prepare(sql, token);
    prepared.close(token);
    Executed run = server.sqlService.executedContaining(sql).get(0);
    // the query may still be running when the close arrives: it is released when it ends
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!run.closed && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(run.closed);
    assertEquals(
        "Cannot send query results: the prepared statement was closed unused",
        run.failure.getMessage());
    assertEquals(0, server.endpoint.openResultCount());
  }

  @Test
  void anErrorFoundWhileRunningIsReportedByTheExecution() throws Exception {
    String sql = "SELECT CAST(name AS INTEGER) AS n FROM demo.people -- fails when run";
    FlightSqlClient.PreparedStatement prepared = client.prepare(sql, token);
    try {
      assertEquals("n", prepared.getResultSetSchema().getFields().get(0).getName());
      FlightRuntimeException error =
          assertThrows(FlightRuntimeException.class, () -> prepared.execute(token));
      assertEquals(FlightStatusCode.INVALID_ARGUMENT, error.status().code());
      assertTrue(
          error.getMessage().contains("Could not convert string 'Ada' to INT32"),
          error.getMessage());
      assertEquals(
          List.of(List.of("Ada")),
          rows(client, client.execute("SELECT name FROM demo.people WHERE id = 1", token), token));
    } finally {
      prepared.close(token);
    }
  }

  @Test
  void updatesAndParameterisedQueriesAreNotRunAtPrepareTime() throws Exception {
    String update = "INSERT INTO demo.scratch VALUES (7, 'x', DATE '2024-01-01')";
    client.prepare(update, token).close(token);
    assertTrue(server.sqlService.executedContaining(update).isEmpty());
    String parameterised = "SELECT name FROM demo.people WHERE id = ? -- later";
    client.prepare(parameterised, token).close(token);
    assertTrue(server.sqlService.executedContaining(parameterised).isEmpty());
  }
}

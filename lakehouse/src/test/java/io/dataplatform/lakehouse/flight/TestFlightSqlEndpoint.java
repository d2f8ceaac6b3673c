package io.dataplatform.lakehouse.flight;

import static io.dataplatform.lakehouse.flight.FlightClients.awaitTrue;
import static io.dataplatform.lakehouse.flight.FlightClients.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.lakehouse.flight.FakeSqlService.Executed;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.CancelStatus;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.auth2.BearerCredentialWriter;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TestFlightSqlEndpoint {
  private static FlightTestServer server;
  private static BufferAllocator allocator;
  private static FlightClient flightClient;
  private static FlightSqlClient client;
  private static CredentialCallOption token;

  @BeforeAll
  static void start() throws Exception {
    server = new FlightTestServer();
    allocator = new RootAllocator();
    flightClient = newFlightClient();
    token =
        flightClient
            .authenticateBasicToken(FlightTestServer.USER, FlightTestServer.PASSWORD)
            .orElseThrow();
    client = new FlightSqlClient(flightClient);
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    allocator.close();
    server.close();
  }

  private static FlightClient newFlightClient() {
    return FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", server.port()))
        .build();
  }

  @Test
  void queryReturnsEveryTypeAsArrow() throws Exception {
    FlightInfo info = client.execute("SELECT * FROM demo.all_types ORDER BY id", token);
    Schema schema = info.getSchema();
    assertEquals(new ArrowType.Decimal(15, 2, 128), schema.findField("amount").getType());
    assertEquals(new ArrowType.Decimal(38, 10, 128), schema.findField("precise").getType());
    assertEquals(new ArrowType.Date(DateUnit.DAY), schema.findField("day").getType());
    assertEquals(
        new ArrowType.Timestamp(TimeUnit.MICROSECOND, null),
        schema.findField("happened_at").getType());
    assertEquals(ArrowType.List.INSTANCE, schema.findField("tags").getType());

    List<List<Object>> rows = rows(client, info, token);
    assertEquals(2, rows.size());
    List<Object> first = rows.get(0);
    assertEquals(1, first.get(0));
    assertEquals((short) 7, first.get(1));
    assertEquals(9_000_000_000L, first.get(2));
    assertEquals(true, first.get(3));
    assertEquals(1.5f, first.get(4));
    assertEquals(2.25d, first.get(5));
    assertEquals(new BigDecimal("12345.67"), first.get(6));
    assertEquals(new BigDecimal("1.0000000001"), first.get(7));
    assertEquals(LocalDate.of(2024, 2, 29).toEpochDay(), ((Integer) first.get(8)).longValue());
    assertEquals(LocalDateTime.of(2024, 3, 1, 12, 34, 56, 789_123_000), first.get(9));
    assertEquals("Zoë", first.get(12));
    assertEquals("[\"a\",\"b\"]", first.get(14).toString());
    assertEquals("[1,2,3]", first.get(15).toString());
    List<Object> second = rows.get(1);
    for (int column = 1; column < second.size(); column++) {
      assertNull(second.get(column), "column " + column + " of the row of nulls");
    }
  }

  @Test
  void enumColumnsArriveDecodedAndSchemasCanBeAskedWithoutRunning() throws Exception {
    String sql = "SELECT 'y'::ENUM('x', 'y') AS choice, 12.5::DECIMAL(4,1) AS price";
    Schema described = client.getExecuteSchema(sql, token).getSchema();
    assertEquals(ArrowType.Utf8.INSTANCE, described.findField("choice").getType());
    assertEquals(new ArrowType.Decimal(4, 1, 128), described.findField("price").getType());
    assertTrue(server.sqlService.executedContaining(sql).isEmpty());
    FlightInfo info = client.execute(sql, token);
    assertEquals(ArrowType.Utf8.INSTANCE, info.getSchema().findField("choice").getType());
    assertEquals(List.of(List.of("y", new BigDecimal("12.5"))), rows(client, info, token));
  }

  @Test
  void updatesReturnTheirRowCount() {
    assertEquals(0, client.executeUpdate("CREATE TABLE demo.counted (id INTEGER)", token));
    assertEquals(3, client.executeUpdate("INSERT INTO demo.counted VALUES (1), (2), (3)", token));
    assertEquals(2, client.executeUpdate("DELETE FROM demo.counted WHERE id > 1", token));
    assertEquals(0, client.executeUpdate("DROP TABLE demo.counted", token));
  }

  @Test
  void preparedQueryBindsParameters() throws Exception {
    FlightSqlClient.PreparedStatement prepared =
        client.prepare("SELECT name FROM demo.people WHERE id = ? AND name LIKE ?", token);
    try {
      Schema parameters = prepared.getParameterSchema();
      assertEquals(new ArrowType.Int(32, true), parameters.getFields().get(0).getType());
      assertEquals(ArrowType.Utf8.INSTANCE, parameters.getFields().get(1).getType());
      assertEquals("name", prepared.getResultSetSchema().getFields().get(0).getName());
      try (VectorSchemaRoot root = VectorSchemaRoot.create(parameters, allocator)) {
        ((IntVector) root.getVector(0)).setSafe(0, 2);
        ((VarCharVector) root.getVector(1)).setSafe(0, "Gr%".getBytes(StandardCharsets.UTF_8));
        root.setRowCount(1);
        prepared.setParameters(root);
        assertEquals(List.of(List.of("Grace")), rows(client, prepared.execute(token), token));
      }
    } finally {
      prepared.close(token);
    }
  }

  @Test
  void preparedUpdateRunsOncePerParameterRow() throws Exception {
    FlightSqlClient.PreparedStatement prepared =
        client.prepare("INSERT INTO demo.scratch VALUES (?, ?, ?)", token);
    try {
      Schema parameters = prepared.getParameterSchema();
      assertEquals(new ArrowType.Date(DateUnit.DAY), parameters.getFields().get(2).getType());
      try (VectorSchemaRoot root = VectorSchemaRoot.create(parameters, allocator)) {
        for (int row = 0; row < 2; row++) {
          ((IntVector) root.getVector(0)).setSafe(row, 100 + row);
          ((VarCharVector) root.getVector(1))
              .setSafe(row, ("row " + row).getBytes(StandardCharsets.UTF_8));
          ((DateDayVector) root.getVector(2))
              .setSafe(row, (int) LocalDate.of(2025, 1, 1 + row).toEpochDay());
        }
        root.setRowCount(2);
        prepared.setParameters(root);
        assertEquals(2, prepared.executeUpdate(token));
      }
    } finally {
      prepared.close(token);
    }
    FlightInfo info =
        client.execute(
            "SELECT id, label, CAST(day AS VARCHAR) FROM demo.scratch WHERE id >= 100 ORDER BY id",
            token);
    assertEquals(
        List.of(List.of(100, "row 0", "2025-01-01"), List.of(101, "row 1", "2025-01-02")),
        rows(client, info, token));
    client.executeUpdate("DELETE FROM demo.scratch WHERE id >= 100", token);
  }

  @Test
  void wrongPasswordIsRefused() throws Exception {
    try (FlightClient other = newFlightClient()) {
      FlightRuntimeException error =
          assertThrows(
              FlightRuntimeException.class,
              () -> other.authenticateBasicToken(FlightTestServer.USER, "wrong"));
      assertEquals(FlightStatusCode.UNAUTHENTICATED, error.status().code());
      assertEquals(FlightAuthenticator.FAILURE_MESSAGE, error.status().description());
    }
  }

  @Test
  void callsWithoutCredentialsAreRefused() throws Exception {
    try (FlightSqlClient anonymous = new FlightSqlClient(newFlightClient())) {
      FlightRuntimeException error =
          assertThrows(FlightRuntimeException.class, () -> anonymous.execute("SELECT 1"));
      assertEquals(FlightStatusCode.UNAUTHENTICATED, error.status().code());
      assertEquals(FlightAuthenticator.FAILURE_MESSAGE, error.status().description());
    }
  }

  @Test
  void apiTokenWorksAsBearerToken() throws Exception {
    CredentialCallOption apiToken =
        new CredentialCallOption(new BearerCredentialWriter(FlightTestServer.API_TOKEN));
    try (FlightSqlClient other = new FlightSqlClient(newFlightClient())) {
      assertEquals(
          List.of(List.of(42)),
          rows(other, other.execute("SELECT 42 AS answer", apiToken), apiToken));
      CredentialCallOption wrong =
          new CredentialCallOption(new BearerCredentialWriter("not-a-token"));
      FlightRuntimeException error =
          assertThrows(FlightRuntimeException.class, () -> other.execute("SELECT 1", wrong));
      assertEquals(FlightStatusCode.UNAUTHENTICATED, error.status().code());
    }
  }

  @Test
  void badSqlReportsTheEngineMessageAndTheServerKeepsServing() throws Exception {
    FlightRuntimeException error =
        assertThrows(FlightRuntimeException.class, () -> client.execute("SELEC 1", token));
    assertEquals(FlightStatusCode.INVALID_ARGUMENT, error.status().code());
    assertTrue(
        error.status().description().contains("syntax error at or near \"SELEC\""),
        error.status().description());
    FlightRuntimeException missing =
        assertThrows(
            FlightRuntimeException.class,
            () -> client.executeUpdate("INSERT INTO demo.missing VALUES (1)", token));
    assertEquals(FlightStatusCode.INVALID_ARGUMENT, missing.status().code());
    assertTrue(
        missing.status().description().contains("Table with name missing does not exist"),
        missing.status().description());
    assertEquals(List.of(List.of(2)), rows(client, client.execute("SELECT 1 + 1", token), token));
  }

  @Test
  void permissionDeniedIsUnauthorized() {
    FlightRuntimeException error =
        assertThrows(
            FlightRuntimeException.class,
            () -> client.execute("SELECT * FROM " + FakeSqlService.FORBIDDEN_TABLE, token));
    assertEquals(FlightStatusCode.UNAUTHORIZED, error.status().code());
    assertEquals(
        "Cannot read table: permission denied (demo.forbidden)", error.status().description());
  }

  @Test
  void ticketCanBeFetchedOnlyOnce() throws Exception {
    FlightInfo info = client.execute("SELECT 'once' AS word", token);
    assertEquals(List.of(List.of("once")), rows(client, info, token));
    FlightRuntimeException error =
        assertThrows(FlightRuntimeException.class, () -> rows(client, info, token));
    assertEquals(FlightStatusCode.NOT_FOUND, error.status().code());
    assertTrue(
        error.status().description().startsWith("Cannot fetch results: the ticket is unknown"),
        error.status().description());
  }

  @Test
  void largeResultIsStreamedInBatches() throws Exception {
    String sql = "SELECT range AS n FROM range(1000000)";
    FlightInfo info = client.execute(sql, token);
    long rows = 0;
    long sum = 0;
    int batches = 0;
    try (FlightStream stream = client.getStream(info.getEndpoints().get(0).getTicket(), token)) {
      while (stream.next()) {
        BigIntVector values = (BigIntVector) stream.getRoot().getVector("n");
        batches++;
        for (int i = 0; i < stream.getRoot().getRowCount(); i++) {
          sum += values.get(i);
          rows++;
        }
      }
    }
    assertEquals(1_000_000, rows);
    assertEquals(999_999L * 1_000_000L / 2, sum);
    assertTrue(batches > 10, "batches: " + batches);
    Executed executed = server.sqlService.executedContaining(sql).get(0);
    awaitTrue("the result is closed", () -> executed.closed);
    assertEquals(1_000_000, executed.rowsReturned);
    assertNull(executed.failure);
  }

  @Test
  void clientClosingAStreamEarlyFailsTheStatementAndTheServerKeepsServing() throws Exception {
    String sql = "SELECT range AS n, 'padding text' AS text FROM range(5000000)";
    FlightInfo info = client.execute(sql, token);
    try (FlightStream stream = client.getStream(info.getEndpoints().get(0).getTicket(), token)) {
      assertTrue(stream.next());
      stream.cancel("enough rows", null);
    }
    Executed executed = server.sqlService.executedContaining(sql).get(0);
    awaitTrue("the abandoned result is closed", () -> executed.closed);
    assertTrue(
        executed.failure.getMessage().startsWith("Cannot send query results: the client"),
        executed.failure.getMessage());
    assertTrue(executed.rowsReturned < 5_000_000, "rows returned: " + executed.rowsReturned);
    assertEquals(List.of(List.of(7)), rows(client, client.execute("SELECT 7", token), token));
  }

  @Test
  void resultsNobodyFetchesAreFailedAndReleased() throws Exception {
    FlightSettings settings =
        new FlightSettings(
            1024,
            Duration.ZERO,
            Duration.ofSeconds(5),
            Duration.ofHours(1),
            Duration.ofHours(1),
            Clock.systemUTC());
    String expiring = "SELECT 'nobody fetches this' AS text";
    String pending = "SELECT 'still pending at shutdown' AS text";
    try (FlightSqlEndpoint endpoint =
            new FlightSqlEndpoint(
                "127.0.0.1", 0, server.sqlService, new FlightTestServer.Credentials(), settings);
        RootAllocator clientMemory = new RootAllocator()) {
      endpoint.start();
      FlightClient other =
          FlightClient.builder(clientMemory, Location.forGrpcInsecure("127.0.0.1", endpoint.port()))
              .build();
      try (FlightSqlClient otherSql = new FlightSqlClient(other)) {
        CredentialCallOption otherToken =
            other
                .authenticateBasicToken(FlightTestServer.USER, FlightTestServer.PASSWORD)
                .orElseThrow();
        otherSql.execute(expiring, otherToken);
        assertEquals(1, endpoint.openResultCount());
        Thread.sleep(5);
        endpoint.expireIdle();
        assertEquals(0, endpoint.openResultCount());
        otherSql.execute(pending, otherToken);
      }
    }
    Executed expired = server.sqlService.executedContaining(expiring).get(0);
    assertTrue(expired.closed);
    assertEquals(
        "Cannot keep results: the client never fetched them", expired.failure.getMessage());
    Executed stopped = server.sqlService.executedContaining(pending).get(0);
    assertTrue(stopped.closed);
    assertEquals("Cannot keep results: the server stopped", stopped.failure.getMessage());
  }

  @Test
  void severalClientsQueryAtTheSameTime() throws Exception {
    List<java.util.concurrent.Callable<Long>> tasks = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int offset = i;
      tasks.add(
          () -> {
            long total = 0;
            for (int round = 0; round < 5; round++) {
              FlightInfo info =
                  client.execute("SELECT sum(range + " + offset + ") FROM range(100000)", token);
              total += ((Number) rows(client, info, token).get(0).get(0)).longValue();
            }
            return total;
          });
    }
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      List<java.util.concurrent.Future<Long>> results = pool.invokeAll(tasks);
      for (int i = 0; i < results.size(); i++) {
        long expected = 5 * (99_999L * 100_000L / 2 + 100_000L * i);
        assertEquals(expected, results.get(i).get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void unfetchedQueryCanBeCancelled() throws Exception {
    String sql = "SELECT 'to be cancelled' AS text";
    FlightInfo info = client.execute(sql, token);
    assertEquals(
        CancelStatus.CANCELLED,
        client.cancelFlightInfo(new CancelFlightInfoRequest(info), token).getStatus());
    Executed executed = server.sqlService.executedContaining(sql).get(0);
    assertTrue(executed.closed);
    assertEquals(
        "Cannot send query results: the client cancelled the query", executed.failure.getMessage());
    FlightRuntimeException error =
        assertThrows(FlightRuntimeException.class, () -> rows(client, info, token));
    assertEquals(FlightStatusCode.NOT_FOUND, error.status().code());
    assertEquals(
        CancelStatus.NOT_CANCELLABLE,
        client.cancelFlightInfo(new CancelFlightInfoRequest(info), token).getStatus());
  }

  @Test
  void statementsRunAsTheAuthenticatedUser() throws Exception {
    String sql = "SELECT 'who am i' AS text";
    rows(client, client.execute(sql, token), token);
    Executed executed = server.sqlService.executedContaining(sql).get(0);
    assertEquals(FlightTestServer.USER, executed.username);
  }

  @Test
  void startingOnAPortInUseFailsWithTheAddress() {
    try (FlightSqlEndpoint second =
        new FlightSqlEndpoint(
            "127.0.0.1", server.port(), server.sqlService, new FlightTestServer.Credentials())) {
      java.io.UncheckedIOException error =
          assertThrows(java.io.UncheckedIOException.class, second::start);
      assertTrue(
          error.getMessage().startsWith("Cannot start Flight SQL endpoint: ")
              && error.getMessage().endsWith("(127.0.0.1:" + server.port() + ")"),
          error.getMessage());
    }
  }

  @Test
  void emptyResultsKeepTheirSchema() throws Exception {
    FlightInfo info = client.execute("SELECT id, name FROM demo.people WHERE id < 0", token);
    assertEquals(
        List.of("id", "name"),
        info.getSchema().getFields().stream().map(f -> f.getName()).toList());
    assertEquals(List.of(), rows(client, info, token));
  }

  @Test
  void errorsWhileStreamingReachTheClient() throws Exception {
    String sql =
        "SELECT CASE WHEN range < 300000 THEN range::VARCHAR ELSE 'x' || range END::INTEGER AS n"
            + " FROM range(400000)";
    FlightRuntimeException error =
        assertThrows(
            FlightRuntimeException.class, () -> rows(client, client.execute(sql, token), token));
    assertEquals(FlightStatusCode.INVALID_ARGUMENT, error.status().code());
    // DuckDB's parallel executor may report the error of a failing task as the interruption of
    // the others (a race inside DuckDB); either way the client gets the failure, not a short result
    String description = error.status().description();
    assertTrue(
        description.startsWith(
                "Cannot read query results: Conversion Error:"
                    + " Could not convert string 'x300000' to INT32")
            || description.equals("Cannot read query results: INTERRUPT Error: Interrupted!"),
        description);
    Executed executed = server.sqlService.executedContaining(sql).get(0);
    awaitTrue("the failed result is closed", () -> executed.closed);
    assertTrue(executed.failure.getMessage().contains("x300000"), executed.failure.getMessage());
    assertEquals(List.of(List.of(1)), rows(client, client.execute("SELECT 1", token), token));
  }

  @Test
  void ticketsAndPreparedStatementsBelongToTheirUser() throws Exception {
    try (FlightClient otherClient = newFlightClient();
        FlightSqlClient otherSql = new FlightSqlClient(newFlightClient())) {
      CredentialCallOption viewer =
          otherClient
              .authenticateBasicToken(FlightTestServer.OTHER_USER, FlightTestServer.OTHER_PASSWORD)
              .orElseThrow();
      FlightInfo info = client.execute("SELECT 'mine' AS text", token);
      FlightRuntimeException stolen =
          assertThrows(FlightRuntimeException.class, () -> rows(otherSql, info, viewer));
      assertEquals(FlightStatusCode.NOT_FOUND, stolen.status().code());
      assertEquals(List.of(List.of("mine")), rows(client, info, token));

      FlightSqlClient.PreparedStatement prepared = client.prepare("SELECT 1 AS one", token);
      try {
        FlightRuntimeException error =
            assertThrows(
                FlightRuntimeException.class,
                () ->
                    otherSql
                        .getStream(
                            prepared.execute(token).getEndpoints().get(0).getTicket(), viewer)
                        .next());
        assertEquals(FlightStatusCode.NOT_FOUND, error.status().code());
      } finally {
        prepared.close(token);
      }
    }
  }

  @Test
  void statusesMapFromEngineErrors() {
    assertEquals(
        CallStatus.INVALID_ARGUMENT.code(),
        FlightErrors.toFlight(io.dataplatform.api.DpException.user("Cannot x: y (z)"))
            .status()
            .code());
    assertEquals(
        FlightStatusCode.NOT_FOUND,
        FlightErrors.toFlight(io.dataplatform.api.DpException.notFound("Cannot find t: gone (t)"))
            .status()
            .code());
  }
}

package io.dataplatform.lakehouse.flight;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Helpers for reaching the test endpoint and reading Flight SQL answers in tests. */
final class FlightClients {
  private FlightClients() {}

  /** A Flight SQL client logged in as the test user, and the token its calls carry. */
  record LoggedIn(FlightSqlClient client, CredentialCallOption token) {}

  static LoggedIn logIn(BufferAllocator allocator, FlightTestServer server) {
    FlightClient flightClient =
        FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", server.port()))
            .build();
    CredentialCallOption token =
        flightClient
            .authenticateBasicToken(FlightTestServer.USER, FlightTestServer.PASSWORD)
            .orElseThrow();
    return new LoggedIn(new FlightSqlClient(flightClient), token);
  }

  /** Every row of every endpoint, as lists of {@code getObject} values. */
  static List<List<Object>> rows(FlightSqlClient client, FlightInfo info, CallOption... options)
      throws Exception {
    List<List<Object>> rows = new ArrayList<>();
    for (FlightEndpoint endpoint : info.getEndpoints()) {
      try (FlightStream stream = client.getStream(endpoint.getTicket(), options)) {
        while (stream.next()) {
          VectorSchemaRoot root = stream.getRoot();
          for (int row = 0; row < root.getRowCount(); row++) {
            List<Object> values = new ArrayList<>();
            for (FieldVector vector : root.getFieldVectors()) {
              Object value = vector.getObject(row);
              values.add(
                  value == null
                      ? null
                      : value instanceof org.apache.arrow.vector.util.Text
                          ? value.toString()
                          : value);
            }
            rows.add(values);
          }
        }
      }
    }
    return rows;
  }

  static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        fail("Timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }
}

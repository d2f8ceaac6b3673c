package io.dataplatform.bench;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.Text;

/**
 * Runs queries through Arrow's own Flight SQL client: one statement call and one stream per query,
 * without the JDBC driver's prepared-statement round trips.
 */
final class FlightSqlEngine implements QueryEngine {
  private final BufferAllocator allocator;
  private final FlightClient flight;
  private final FlightSqlClient client;
  private final CredentialCallOption token;

  private FlightSqlEngine(
      BufferAllocator allocator,
      FlightClient flight,
      FlightSqlClient client,
      CredentialCallOption token) {
    this.allocator = requireNonNull(allocator, "allocator");
    this.flight = requireNonNull(flight, "flight");
    this.client = requireNonNull(client, "client");
    this.token = requireNonNull(token, "token");
  }

  static FlightSqlEngine connect(int port) {
    BufferAllocator allocator = new RootAllocator();
    FlightClient flight =
        FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", port)).build();
    CredentialCallOption token =
        flight
            .authenticateBasicToken(PlatformProcess.USER, PlatformProcess.PASSWORD)
            .orElseThrow(() -> new IllegalStateException("Cannot log in to Flight SQL"));
    return new FlightSqlEngine(allocator, flight, new FlightSqlClient(flight), token);
  }

  @Override
  public String name() {
    return "platform";
  }

  @Override
  public String tpchSchema() {
    return "tpch";
  }

  @Override
  public List<List<Object>> execute(String sql) throws Exception {
    FlightInfo info = client.execute(sql, token);
    List<List<Object>> rows = new ArrayList<>();
    for (FlightEndpoint endpoint : info.getEndpoints()) {
      try (FlightStream stream = client.getStream(endpoint.getTicket(), token)) {
        while (stream.next()) {
          read(stream.getRoot(), rows);
        }
      }
    }
    return rows;
  }

  private static void read(VectorSchemaRoot root, List<List<Object>> rows) {
    for (int row = 0; row < root.getRowCount(); row++) {
      List<Object> values = new ArrayList<>(root.getFieldVectors().size());
      for (FieldVector vector : root.getFieldVectors()) {
        Object value = vector.getObject(row);
        if (value instanceof Text text) {
          value = text.toString();
        } else if (vector instanceof DateDayVector && value != null) {
          value = LocalDate.ofEpochDay(((Number) value).longValue());
        }
        values.add(value);
      }
      rows.add(values);
    }
  }

  @Override
  public void close() throws Exception {
    client.close();
    allocator.close();
  }
}

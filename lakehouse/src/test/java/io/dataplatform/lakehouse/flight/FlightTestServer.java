package io.dataplatform.lakehouse.flight;

import java.sql.SQLException;
import java.util.Optional;

/** An in-process endpoint on a free port over {@link FakeSqlService}, for tests. */
final class FlightTestServer implements AutoCloseable {
  static final String USER = "analyst";
  static final String PASSWORD = "s3cret-Pass";
  static final String API_TOKEN = "dp_api_token_0123456789";
  static final String OTHER_USER = "viewer";
  static final String OTHER_PASSWORD = "viewer-Pass-2";

  final FakeSqlService sqlService;
  final FlightSqlEndpoint endpoint;

  FlightTestServer() throws SQLException {
    sqlService = new FakeSqlService();
    endpoint = new FlightSqlEndpoint("127.0.0.1", 0, sqlService, new Credentials());
    endpoint.start();
  }

  int port() {
    return endpoint.port();
  }

  String jdbcUrl() {
    return "jdbc:arrow-flight-sql://127.0.0.1:" + port() + "?useEncryption=false";
  }

  @Override
  public void close() throws SQLException {
    endpoint.close();
    sqlService.close();
  }

  static final class Credentials implements FlightCredentials {
    @Override
    public Optional<String> authenticatePassword(String username, String password) {
      if (USER.equals(username) && PASSWORD.equals(password)) {
        return Optional.of(USER);
      }
      if (OTHER_USER.equals(username) && OTHER_PASSWORD.equals(password)) {
        return Optional.of(OTHER_USER);
      }
      return Optional.empty();
    }

    @Override
    public Optional<String> authenticateToken(String bearerToken) {
      return API_TOKEN.equals(bearerToken) ? Optional.of(USER) : Optional.empty();
    }
  }
}

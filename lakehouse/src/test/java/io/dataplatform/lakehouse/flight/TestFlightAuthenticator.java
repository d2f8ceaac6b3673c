package io.dataplatform.lakehouse.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.auth2.Auth2Constants;
import org.apache.arrow.flight.auth2.CallHeaderAuthenticator.AuthResult;
import org.junit.jupiter.api.Test;

class TestFlightAuthenticator {
  private final MutableClock clock = new MutableClock();
  private final FlightAuthenticator authenticator =
      new FlightAuthenticator(new FlightTestServer.Credentials(), Duration.ofMinutes(30), clock);

  private static CallHeaders authorization(String value) {
    CallHeaders headers = new FlightCallHeaders();
    headers.insert(Auth2Constants.AUTHORIZATION_HEADER, value);
    return headers;
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private void assertRefused(CallHeaders headers) {
    FlightRuntimeException error =
        assertThrows(FlightRuntimeException.class, () -> authenticator.authenticate(headers));
    assertEquals(FlightStatusCode.UNAUTHENTICATED, error.status().code());
    assertEquals(FlightAuthenticator.FAILURE_MESSAGE, error.status().description());
  }

  @Test
  void passwordLoginIssuesABearerTokenThatExpiresWhenIdle() {
    AuthResult login =
        authenticator.authenticate(
            authorization(basic(FlightTestServer.USER, FlightTestServer.PASSWORD)));
    assertEquals(FlightTestServer.USER, login.getPeerIdentity());
    CallHeaders outgoing = new FlightCallHeaders();
    login.appendToOutgoingHeaders(outgoing);
    String bearer = outgoing.get(Auth2Constants.AUTHORIZATION_HEADER);
    assertTrue(bearer.startsWith("Bearer "), bearer);

    clock.advance(Duration.ofMinutes(20));
    assertEquals(
        FlightTestServer.USER, authenticator.authenticate(authorization(bearer)).getPeerIdentity());
    clock.advance(Duration.ofMinutes(20));
    assertEquals(
        FlightTestServer.USER, authenticator.authenticate(authorization(bearer)).getPeerIdentity());
    clock.advance(Duration.ofMinutes(31));
    assertRefused(authorization(bearer));
  }

  @Test
  void apiTokensAreCheckedByTheCredentials() {
    assertEquals(
        FlightTestServer.USER,
        authenticator
            .authenticate(authorization("Bearer " + FlightTestServer.API_TOKEN))
            .getPeerIdentity());
    assertRefused(authorization("Bearer someone-elses-token"));
  }

  @Test
  void everyBadCredentialLooksTheSame() {
    assertRefused(authorization(basic(FlightTestServer.USER, "wrong")));
    assertRefused(authorization(basic("nobody", FlightTestServer.PASSWORD)));
    assertRefused(authorization("Basic %%%not-base64%%%"));
    assertRefused(
        authorization(
            "Basic "
                + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8))));
    assertRefused(authorization("Digest whatever"));
    assertRefused(new FlightCallHeaders());
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}

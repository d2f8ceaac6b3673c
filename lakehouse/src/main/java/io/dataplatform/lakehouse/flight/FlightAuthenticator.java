package io.dataplatform.lakehouse.flight;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.auth2.Auth2Constants;
import org.apache.arrow.flight.auth2.AuthUtilities;
import org.apache.arrow.flight.auth2.CallHeaderAuthenticator;

/**
 * Authenticates every Flight call from its {@code Authorization} header. {@code Basic} credentials
 * are checked against {@link FlightCredentials} and answered with a bearer token for later calls;
 * {@code Bearer} tokens are either ones this endpoint issued or API tokens that {@link
 * FlightCredentials} accepts. Every failure looks the same to the client.
 */
final class FlightAuthenticator implements CallHeaderAuthenticator {
  static final String FAILURE_MESSAGE = "Cannot authenticate: invalid or missing credentials";
  private static final int MAX_SESSIONS = 10_000;

  private final FlightCredentials credentials;
  private final Duration sessionIdleTimeout;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  FlightAuthenticator(FlightCredentials credentials, Duration sessionIdleTimeout, Clock clock) {
    this.credentials = requireNonNull(credentials, "credentials");
    this.sessionIdleTimeout = requireNonNull(sessionIdleTimeout, "sessionIdleTimeout");
    this.clock = requireNonNull(clock, "clock");
  }

  private record Session(String username, Instant lastUsed) {}

  @Override
  public AuthResult authenticate(CallHeaders headers) {
    String basic = AuthUtilities.getValueFromAuthHeader(headers, Auth2Constants.BASIC_PREFIX);
    if (basic != null) {
      String username = checkBasic(basic).orElseThrow(FlightAuthenticator::refused);
      return new IssuedToken(username, issueToken(username));
    }
    String bearer = AuthUtilities.getValueFromAuthHeader(headers, Auth2Constants.BEARER_PREFIX);
    if (bearer != null) {
      String username = checkBearer(bearer).orElseThrow(FlightAuthenticator::refused);
      return () -> username;
    }
    throw refused();
  }

  private Optional<String> checkBasic(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon < 1) {
      return Optional.empty();
    }
    return credentials.authenticatePassword(
        decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  private Optional<String> checkBearer(String token) {
    String trimmed = token.trim();
    Instant now = clock.instant();
    Session session = sessions.get(trimmed);
    if (session != null) {
      if (session.lastUsed().plus(sessionIdleTimeout).isAfter(now)) {
        sessions.replace(trimmed, session, new Session(session.username(), now));
        return Optional.of(session.username());
      }
      sessions.remove(trimmed, session);
    }
    return credentials.authenticateToken(trimmed);
  }

  private String issueToken(String username) {
    Instant now = clock.instant();
    sessions
        .values()
        .removeIf(session -> !session.lastUsed().plus(sessionIdleTimeout).isAfter(now));
    if (sessions.size() >= MAX_SESSIONS) {
      sessions.entrySet().stream()
          .min(Map.Entry.comparingByValue(Comparator.comparing(Session::lastUsed)))
          .ifPresent(oldest -> sessions.remove(oldest.getKey()));
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    sessions.put(token, new Session(username, now));
    return token;
  }

  private static RuntimeException refused() {
    return CallStatus.UNAUTHENTICATED.withDescription(FAILURE_MESSAGE).toRuntimeException();
  }

  private record IssuedToken(String username, String token) implements AuthResult {
    @Override
    public String getPeerIdentity() {
      return username;
    }

    @Override
    public void appendToOutgoingHeaders(CallHeaders outgoingHeaders) {
      outgoingHeaders.insert(
          Auth2Constants.AUTHORIZATION_HEADER, Auth2Constants.BEARER_PREFIX + token);
    }
  }
}

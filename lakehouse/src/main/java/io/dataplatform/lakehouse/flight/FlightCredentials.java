package io.dataplatform.lakehouse.flight;

import java.util.Optional;

/**
 * Checks the credentials that Flight SQL clients present. Implementations must be thread-safe and
 * must not reveal why a check failed.
 */
public interface FlightCredentials {
  /**
   * Checks a user name and password.
   *
   * @return the authenticated user name, or empty when the pair is not valid
   */
  Optional<String> authenticatePassword(String username, String password);

  /**
   * Checks a bearer token that the endpoint did not issue itself, such as a personal API token.
   *
   * @return the user name the token belongs to, or empty when the token is not valid
   */
  Optional<String> authenticateToken(String bearerToken);
}

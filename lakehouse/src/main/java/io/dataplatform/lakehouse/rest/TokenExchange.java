package io.dataplatform.lakehouse.rest;

import java.util.Optional;

/**
 * Issues bearer tokens for the OAuth2 token endpoint {@code POST /v1/oauth/tokens} of the Iceberg
 * REST catalog. The server that mounts the catalog implements it with its own users and tokens and
 * checks the issued tokens on every other request.
 */
@FunctionalInterface
public interface TokenExchange {
  /**
   * Answers a {@code client_credentials} grant.
   *
   * @return the access token, or empty when the client id or secret is wrong
   */
  Optional<String> exchange(String clientId, String clientSecret);

  /**
   * Answers a token-exchange grant, which clients send to refresh a token before it expires.
   *
   * @return a new access token, or empty when the subject token is not valid (the default: clients
   *     then fetch a new token with their credentials)
   */
  default Optional<String> refresh(String subjectToken) {
    return Optional.empty();
  }

  /** How long issued tokens are valid; clients refresh them before this runs out. */
  default int expiresInSeconds() {
    return 3600;
  }

  /** An exchange that issues no tokens: every grant is refused. */
  static TokenExchange disabled() {
    return (clientId, clientSecret) -> Optional.empty();
  }
}

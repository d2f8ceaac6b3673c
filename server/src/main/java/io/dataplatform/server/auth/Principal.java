package io.dataplatform.server.auth;

import static java.util.Objects.requireNonNull;

/** An authenticated caller. */
public record Principal(long userId, String username) {
  public Principal {
    requireNonNull(username, "username");
  }
}

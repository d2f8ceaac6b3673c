package io.dataplatform.lakehouse.sql;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.Cancellation;

/**
 * Who runs a statement, and from where.
 *
 * @param username the authenticated user, recorded in the query history
 * @param client a short name of the entry point: {@code http}, {@code flight}, {@code cli}
 * @param cancellation stops the session's running statement in the engine when canceled, and
 *     refuses its later ones
 */
public record SqlSession(String username, String client, Cancellation cancellation) {
  public SqlSession {
    requireNonNull(username, "username");
    requireNonNull(client, "client");
    requireNonNull(cancellation, "cancellation");
  }

  /** A session nobody cancels. */
  public SqlSession(String username, String client) {
    this(username, client, new Cancellation());
  }
}

package io.dataplatform.lakehouse.sql;

import static java.util.Objects.requireNonNull;

/**
 * Who runs a statement, and from where.
 *
 * @param username the authenticated user, recorded in the query history
 * @param client a short name of the entry point: {@code http}, {@code flight}, {@code cli}
 */
public record SqlSession(String username, String client) {
  public SqlSession {
    requireNonNull(username, "username");
    requireNonNull(client, "client");
  }
}

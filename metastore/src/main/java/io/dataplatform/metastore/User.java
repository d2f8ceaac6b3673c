package io.dataplatform.metastore;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A platform user. Only the password's hash is ever stored. */
public record User(long id, String username, String passwordHash, Instant createdAt) {
  public User {
    requireNonNull(username, "username");
    requireNonNull(passwordHash, "passwordHash");
    requireNonNull(createdAt, "createdAt");
  }

  @Override
  public String toString() {
    return "User[id=" + id + ", username=" + username + "]";
  }
}

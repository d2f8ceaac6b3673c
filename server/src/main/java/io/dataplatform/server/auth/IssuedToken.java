package io.dataplatform.server.auth;

import static java.util.Objects.requireNonNull;

import io.dataplatform.metastore.TokenRecord;

/** A token just created: the secret is shown once, only its digest is stored. */
public record IssuedToken(String secret, TokenRecord record) {
  public IssuedToken {
    requireNonNull(secret, "secret");
    requireNonNull(record, "record");
  }

  @Override
  public String toString() {
    return "IssuedToken[id=" + record.id() + ", name=" + record.name() + "]";
  }
}

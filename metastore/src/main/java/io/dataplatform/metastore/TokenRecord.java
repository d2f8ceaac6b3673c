package io.dataplatform.metastore;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/** A stored token. Only the token's hash is stored, never the token itself. */
public record TokenRecord(
    long id,
    String tokenHash,
    long userId,
    TokenKind kind,
    String name,
    Instant createdAt,
    Optional<Instant> expiresAt,
    Optional<Instant> revokedAt) {
  public TokenRecord {
    requireNonNull(tokenHash, "tokenHash");
    requireNonNull(kind, "kind");
    requireNonNull(name, "name");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(expiresAt, "expiresAt");
    requireNonNull(revokedAt, "revokedAt");
  }

  public boolean isActiveAt(Instant now) {
    return revokedAt.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
  }
}

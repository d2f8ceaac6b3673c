package io.dataplatform.metastore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Session and API tokens, stored by hash. */
public final class TokenRepository {
  private static final String COLUMNS =
      "id, token_hash, user_id, kind, name, created_at, expires_at, revoked_at";
  private final Jdbc jdbc;

  TokenRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  public TokenRecord create(
      String tokenHash, long userId, TokenKind kind, String name, Optional<Instant> expiresAt) {
    Instant now = UserRepository.truncate(Instant.now());
    long id =
        jdbc.insertReturningId(
            "INSERT INTO dp_token (token_hash, user_id, kind, name, created_at, expires_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)",
            tokenHash,
            userId,
            kind.name(),
            name,
            now,
            expiresAt.map(UserRepository::truncate).orElse(null));
    return new TokenRecord(
        id,
        tokenHash,
        userId,
        kind,
        name,
        now,
        expiresAt.map(UserRepository::truncate),
        Optional.empty());
  }

  public Optional<TokenRecord> findByHash(String tokenHash) {
    return jdbc.queryOne(
        "SELECT " + COLUMNS + " FROM dp_token WHERE token_hash = ?",
        TokenRepository::map,
        tokenHash);
  }

  public Optional<TokenRecord> findById(long id) {
    return jdbc.queryOne(
        "SELECT " + COLUMNS + " FROM dp_token WHERE id = ?", TokenRepository::map, id);
  }

  /** The user's tokens of one kind, newest first, revoked ones included. */
  public List<TokenRecord> list(long userId, TokenKind kind) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM dp_token WHERE user_id = ? AND kind = ? ORDER BY id DESC",
        TokenRepository::map,
        userId,
        kind.name());
  }

  /** Marks the token revoked; returns false when it does not exist or was already revoked. */
  public boolean revoke(long id, Instant at) {
    return jdbc.update(
            "UPDATE dp_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", at, id)
        == 1;
  }

  /** Deletes session tokens that expired before the given time; returns how many. */
  public int deleteExpiredSessions(Instant before) {
    return jdbc.update(
        "DELETE FROM dp_token WHERE kind = ? AND expires_at < ?", TokenKind.SESSION.name(), before);
  }

  private static TokenRecord map(ResultSet row) throws SQLException {
    return new TokenRecord(
        row.getLong("id"),
        row.getString("token_hash"),
        row.getLong("user_id"),
        TokenKind.valueOf(row.getString("kind")),
        row.getString("name"),
        Jdbc.instant(row, "created_at"),
        Optional.ofNullable(Jdbc.instant(row, "expires_at")),
        Optional.ofNullable(Jdbc.instant(row, "revoked_at")));
  }
}

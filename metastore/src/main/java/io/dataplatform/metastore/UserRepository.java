package io.dataplatform.metastore;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** Users and their password hashes. */
public final class UserRepository {
  private final Jdbc jdbc;

  UserRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  public User create(String username, String passwordHash) {
    if (findByUsername(username).isPresent()) {
      throw new DpException(
          StandardErrorCode.ALREADY_EXISTS,
          "Cannot create user: the name is taken (" + username + ")");
    }
    Instant now = truncate(Instant.now());
    long id =
        jdbc.insertReturningId(
            "INSERT INTO dp_user (username, password_hash, created_at) VALUES (?, ?, ?)",
            username,
            passwordHash,
            now);
    return new User(id, username, passwordHash, now);
  }

  public Optional<User> findByUsername(String username) {
    return jdbc.queryOne(
        "SELECT id, username, password_hash, created_at FROM dp_user WHERE username = ?",
        UserRepository::map,
        username);
  }

  public Optional<User> findById(long id) {
    return jdbc.queryOne(
        "SELECT id, username, password_hash, created_at FROM dp_user WHERE id = ?",
        UserRepository::map,
        id);
  }

  public long count() {
    return jdbc.queryOne("SELECT COUNT(*) FROM dp_user", row -> row.getLong(1)).orElse(0L);
  }

  public void updatePasswordHash(long userId, String passwordHash) {
    jdbc.update("UPDATE dp_user SET password_hash = ? WHERE id = ?", passwordHash, userId);
  }

  private static User map(ResultSet row) throws SQLException {
    return new User(
        row.getLong("id"),
        row.getString("username"),
        row.getString("password_hash"),
        Jdbc.instant(row, "created_at"));
  }

  static Instant truncate(Instant instant) {
    return instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }
}

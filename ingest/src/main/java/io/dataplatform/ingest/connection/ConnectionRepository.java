package io.dataplatform.ingest.connection;

import static java.util.Objects.requireNonNull;

import io.dataplatform.metastore.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Connections in the metastore, each as its JSON definition with secrets sealed. */
public final class ConnectionRepository {
  /** A stored connection. */
  public record Stored(
      String name, String sourceType, String definition, Instant createdAt, Instant updatedAt) {}

  private final Jdbc jdbc;

  public ConnectionRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(requireNonNull(dataSource, "dataSource"));
  }

  /** Creates or replaces; true if it was created. */
  public boolean save(String name, String sourceType, String definition, Instant now) {
    int updated =
        jdbc.update(
            "UPDATE dp_connection SET source_type = ?, definition = ?, updated_at = ? WHERE name = ?",
            sourceType,
            definition,
            now,
            name);
    if (updated > 0) {
      return false;
    }
    jdbc.update(
        "INSERT INTO dp_connection (name, source_type, definition, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?)",
        name,
        sourceType,
        definition,
        now,
        now);
    return true;
  }

  public Optional<Stored> find(String name) {
    return jdbc.queryOne(
        "SELECT * FROM dp_connection WHERE name = ?", ConnectionRepository::stored, name);
  }

  public List<Stored> list() {
    return jdbc.query("SELECT * FROM dp_connection ORDER BY name", ConnectionRepository::stored);
  }

  public boolean delete(String name) {
    return jdbc.update("DELETE FROM dp_connection WHERE name = ?", name) > 0;
  }

  private static Stored stored(ResultSet row) throws SQLException {
    return new Stored(
        row.getString("name"),
        row.getString("source_type"),
        row.getString("definition"),
        Jdbc.instant(row, "created_at"),
        Jdbc.instant(row, "updated_at"));
  }
}

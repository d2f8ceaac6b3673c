package io.dataplatform.orchestrator.trigger;

import static java.util.Objects.requireNonNull;

import io.dataplatform.metastore.Jdbc;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * On/off switches and cursors of schedules ({@code schedule:<job>}) and sensors ({@code
 * sensor:<name>}). A trigger without a row is enabled and has no cursor.
 */
public final class TriggerStateRepository {
  private final Jdbc jdbc;

  public TriggerStateRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(requireNonNull(dataSource, "dataSource"));
  }

  /** The state row of every trigger that has one: name → enabled. */
  public Map<String, Boolean> enabledStates() {
    Map<String, Boolean> states = new HashMap<>();
    jdbc.query(
        "SELECT name, enabled FROM dp_trigger_state",
        row -> states.put(row.getString("name"), row.getBoolean("enabled")));
    return states;
  }

  public boolean enabled(String name) {
    return jdbc.queryOne(
            "SELECT enabled FROM dp_trigger_state WHERE name = ?",
            row -> row.getBoolean("enabled"),
            name)
        .orElse(true);
  }

  public void setEnabled(String name, boolean enabled) {
    ensureRow(name);
    jdbc.update(
        "UPDATE dp_trigger_state SET enabled = ?, updated_at = ? WHERE name = ?",
        enabled,
        Instant.now(),
        name);
  }

  public Optional<String> cursor(String name) {
    return jdbc.queryOne(
            "SELECT cursor_value FROM dp_trigger_state WHERE name = ?",
            row -> Optional.ofNullable(row.getString("cursor_value")),
            name)
        .flatMap(value -> value);
  }

  public void setCursor(String name, String cursor) {
    ensureRow(name);
    jdbc.update(
        "UPDATE dp_trigger_state SET cursor_value = ?, updated_at = ? WHERE name = ?",
        cursor,
        Instant.now(),
        name);
  }

  private void ensureRow(String name) {
    if (jdbc.queryOne("SELECT name FROM dp_trigger_state WHERE name = ?", row -> 1, name)
        .isEmpty()) {
      try {
        jdbc.update(
            "INSERT INTO dp_trigger_state (name, enabled, updated_at) VALUES (?, TRUE, ?)",
            name,
            Instant.now());
      } catch (io.dataplatform.api.DpException e) {
        if (!(e.getCause() instanceof java.sql.SQLException sql
            && "23505".equals(sql.getSQLState()))) {
          throw e;
        }
      }
    }
  }
}

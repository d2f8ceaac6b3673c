package io.dataplatform.orchestrator.run;

import static java.util.Objects.requireNonNull;

import io.dataplatform.metastore.Jdbc;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Run events and log lines, in the order they happened. */
public final class RunEventRepository {
  private final Jdbc jdbc;

  public RunEventRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(requireNonNull(dataSource, "dataSource"));
  }

  public void add(long runId, String kind, Optional<String> step, String message) {
    jdbc.update(
        "INSERT INTO dp_run_event (run_id, event_time, kind, step_name, message)"
            + " VALUES (?, ?, ?, ?, ?)",
        runId,
        Instant.now(),
        kind,
        step.orElse(null),
        RunRepository.truncate(message, 4000));
  }

  /** Events of a run with an id above {@code afterId}, oldest first. */
  public List<RunEvent> after(long runId, long afterId, int limit) {
    return jdbc.query(
        "SELECT id, run_id, event_time, kind, step_name, message FROM dp_run_event"
            + " WHERE run_id = ? AND id > ? ORDER BY id FETCH FIRST "
            + limit
            + " ROWS ONLY",
        row ->
            new RunEvent(
                row.getLong("id"),
                row.getLong("run_id"),
                Jdbc.instant(row, "event_time"),
                row.getString("kind"),
                Optional.ofNullable(row.getString("step_name")),
                row.getString("message")),
        runId,
        afterId);
  }
}

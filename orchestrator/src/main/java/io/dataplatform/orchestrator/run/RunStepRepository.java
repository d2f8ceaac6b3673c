package io.dataplatform.orchestrator.run;

import static java.util.Objects.requireNonNull;

import io.dataplatform.metastore.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The steps of each run. A step row moves RUNNING → SUCCEEDED or FAILED, and a FAILED step back to
 * RUNNING on the next attempt; SUCCEEDED is final, so a step is never recorded done twice.
 */
public final class RunStepRepository {
  private final Jdbc jdbc;

  public RunStepRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(requireNonNull(dataSource, "dataSource"));
  }

  public List<StepRecord> steps(long runId) {
    return jdbc.query(
        "SELECT run_id, step_index, step_name, status, attempts, started_at, ended_at,"
            + " error_message FROM dp_run_step WHERE run_id = ? ORDER BY step_index",
        RunStepRepository::map,
        runId);
  }

  /** Records that the step starts; false when it is already done (then it must not run again). */
  public boolean start(long runId, int index, String name, Instant now) {
    int updated =
        jdbc.update(
            "UPDATE dp_run_step SET status = 'RUNNING', attempts = attempts + 1, started_at = ?,"
                + " ended_at = NULL, error_message = NULL"
                + " WHERE run_id = ? AND step_index = ? AND status <> 'SUCCEEDED'",
            now,
            runId,
            index);
    if (updated == 1) {
      return true;
    }
    boolean exists =
        jdbc.queryOne(
                "SELECT status FROM dp_run_step WHERE run_id = ? AND step_index = ?",
                row -> row.getString("status"),
                runId,
                index)
            .isPresent();
    if (exists) {
      return false;
    }
    jdbc.update(
        "INSERT INTO dp_run_step (run_id, step_index, step_name, status, attempts, started_at)"
            + " VALUES (?, ?, ?, 'RUNNING', 1, ?)",
        runId,
        index,
        name,
        now);
    return true;
  }

  /** Records the step done; false when it was not running (then nothing is recorded). */
  public boolean succeed(long runId, int index, Instant now) {
    return jdbc.update(
            "UPDATE dp_run_step SET status = 'SUCCEEDED', ended_at = ?"
                + " WHERE run_id = ? AND step_index = ? AND status = 'RUNNING'",
            now,
            runId,
            index)
        == 1;
  }

  public void fail(long runId, int index, String error, Instant now) {
    jdbc.update(
        "UPDATE dp_run_step SET status = 'FAILED', ended_at = ?, error_message = ?"
            + " WHERE run_id = ? AND step_index = ? AND status = 'RUNNING'",
        now,
        RunRepository.truncate(error, 4000),
        runId,
        index);
  }

  /** Marks every RUNNING step of a run FAILED (the process running it died). */
  public int failRunning(long runId, String error, Instant now) {
    return jdbc.update(
        "UPDATE dp_run_step SET status = 'FAILED', ended_at = ?, error_message = ?"
            + " WHERE run_id = ? AND status = 'RUNNING'",
        now,
        error,
        runId);
  }

  /** Copies the done steps before {@code startStep} of a run into a re-execution of it. */
  public void copyDone(long fromRun, long toRun, int startStep) {
    jdbc.update(
        "INSERT INTO dp_run_step (run_id, step_index, step_name, status, attempts, started_at,"
            + " ended_at) SELECT ?, step_index, step_name, status, 0, started_at, ended_at"
            + " FROM dp_run_step WHERE run_id = ? AND step_index < ? AND status = 'SUCCEEDED'",
        toRun,
        fromRun,
        startStep);
  }

  private static StepRecord map(ResultSet row) throws SQLException {
    return new StepRecord(
        row.getLong("run_id"),
        row.getInt("step_index"),
        row.getString("step_name"),
        row.getString("status"),
        row.getInt("attempts"),
        Optional.ofNullable(Jdbc.instant(row, "started_at")),
        Optional.ofNullable(Jdbc.instant(row, "ended_at")),
        Optional.ofNullable(row.getString("error_message")));
  }
}

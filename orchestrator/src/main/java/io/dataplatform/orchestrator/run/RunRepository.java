package io.dataplatform.orchestrator.run;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.metastore.Jdbc;
import io.dataplatform.metastore.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/** The run queue in the metastore: runs and their state changes. */
public final class RunRepository {
  private static final String COLUMNS =
      "id, job_name, status, attempt, max_attempts, trigger_kind, trigger_detail, partition_from,"
          + " partition_to, partition_count, backfill_id, parent_run_id, start_step, not_before,"
          + " created_at, started_at, ended_at, owner, cancel_requested, error_message";
  private static final String INSERT =
      "INSERT INTO dp_run (job_name, status, attempt, max_attempts, trigger_kind, trigger_detail,"
          + " dedupe_key, partition_from, partition_to, partition_count, backfill_id,"
          + " parent_run_id, start_step, not_before, created_at, cancel_requested)"
          + " VALUES (?, 'QUEUED', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE)";
  private static final String INSERT_VALUES =
      "(?, 'QUEUED', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE)";
  private static final int ROWS_PER_INSERT = 200;
  private static final int MAX_ERROR = 4000;

  private final DataSource dataSource;
  private final Jdbc jdbc;

  public RunRepository(DataSource dataSource) {
    this.dataSource = requireNonNull(dataSource, "dataSource");
    this.jdbc = new Jdbc(dataSource);
  }

  /** Adds a run to the queue; empty when a run with the same dedupe key exists. */
  public Optional<Run> enqueue(RunRequest request) {
    try {
      long id = jdbc.insertReturningId(INSERT, parameters(request, Instant.now()));
      return find(id);
    } catch (DpException e) {
      if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Adds many runs in one transaction (backfills), {@value #ROWS_PER_INSERT} rows per statement: H2
   * runs each statement of a JDBC batch on its own, so one multi-row statement per chunk is several
   * times faster than a batch of single-row ones.
   */
  public int enqueueAll(List<RunRequest> requests) {
    Instant now = Instant.now();
    return Transactions.run(
        dataSource,
        transactional -> {
          try (Connection connection = transactional.getConnection()) {
            for (int start = 0; start < requests.size(); start += ROWS_PER_INSERT) {
              insert(
                  connection,
                  requests.subList(start, Math.min(requests.size(), start + ROWS_PER_INSERT)),
                  now);
            }
            return requests.size();
          } catch (SQLException e) {
            throw new DpException(
                StandardErrorCode.INTERNAL_ERROR,
                "Cannot enqueue runs: " + e.getMessage() + " (" + requests.size() + " runs)",
                e);
          }
        });
  }

  private static void insert(Connection connection, List<RunRequest> chunk, Instant now)
      throws SQLException {
    StringBuilder sql = new StringBuilder(INSERT);
    for (int row = 1; row < chunk.size(); row++) {
      sql.append(", ").append(INSERT_VALUES);
    }
    try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      int index = 1;
      for (RunRequest request : chunk) {
        for (Object value : parameters(request, now)) {
          statement.setObject(
              index++, value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value);
        }
      }
      statement.executeUpdate();
    }
  }

  private static Object[] parameters(RunRequest request, Instant now) {
    return new Object[] {
      request.jobName(),
      request.maxAttempts(),
      request.trigger(),
      truncate(request.triggerDetail(), 512),
      // every run has a distinct key: an index of many NULLs makes H2's unique check slow
      request.dedupeKey().orElseGet(() -> "run:" + java.util.UUID.randomUUID()),
      request.partitionFrom().orElse(null),
      request.partitionTo().orElse(null),
      request.partitionCount(),
      request.backfillId().isPresent() ? request.backfillId().getAsLong() : null,
      request.parentRunId().isPresent() ? request.parentRunId().getAsLong() : null,
      request.startStep(),
      request.notBefore(),
      now
    };
  }

  public Optional<Run> find(long id) {
    return jdbc.queryOne("SELECT " + COLUMNS + " FROM dp_run WHERE id = ?", RunRepository::map, id);
  }

  public Run run(long id) {
    return find(id)
        .orElseThrow(() -> DpException.notFound("Cannot find run: no such run (" + id + ")"));
  }

  /** The newest runs first, optionally of one job and one status. */
  public List<Run> list(Optional<String> job, Optional<RunStatus> status, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM dp_run WHERE 1 = 1");
    List<Object> parameters = new ArrayList<>();
    job.ifPresent(
        name -> {
          sql.append(" AND job_name = ?");
          parameters.add(name);
        });
    status.ifPresent(
        value -> {
          sql.append(" AND status = ?");
          parameters.add(value.name());
        });
    sql.append(" ORDER BY id DESC FETCH FIRST ").append(limit).append(" ROWS ONLY");
    return jdbc.query(sql.toString(), RunRepository::map, parameters.toArray());
  }

  /** Queued runs whose time has come, oldest first. */
  public List<Run> due(Instant now, int limit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM dp_run WHERE status = 'QUEUED' AND not_before <= ? ORDER BY id"
            + " FETCH FIRST "
            + limit
            + " ROWS ONLY",
        RunRepository::map,
        now);
  }

  /** Runs now running, per job. */
  public Map<String, Integer> runningPerJob() {
    Map<String, Integer> counts = new HashMap<>();
    jdbc.query(
        "SELECT job_name, COUNT(*) AS runs FROM dp_run WHERE status = 'RUNNING' GROUP BY job_name",
        row -> counts.put(row.getString("job_name"), row.getInt("runs")));
    return counts;
  }

  /** Takes a queued run for {@code owner}; false when another executor took it first. */
  public boolean claim(long id, String owner, Instant now) {
    return jdbc.update(
            "UPDATE dp_run SET status = 'RUNNING', owner = ?, started_at = ?, heartbeat_at = ?"
                + " WHERE id = ? AND status = 'QUEUED'",
            owner,
            now,
            now,
            id)
        == 1;
  }

  public void heartbeat(String owner, Instant now) {
    jdbc.update(
        "UPDATE dp_run SET heartbeat_at = ? WHERE owner = ? AND status = 'RUNNING'", now, owner);
  }

  /** Running runs of {@code owner} (after a restart: runs the crash interrupted). */
  public List<Run> runningOf(String owner) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM dp_run WHERE status = 'RUNNING' AND owner = ? ORDER BY id",
        RunRepository::map,
        owner);
  }

  /** Running runs whose executor has not reported since {@code before} (a dead server). */
  public List<Run> runningWithHeartbeatBefore(Instant before) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM dp_run WHERE status = 'RUNNING' AND heartbeat_at < ? ORDER BY id",
        RunRepository::map,
        before);
  }

  /** Ends a running run; false when it was not running (any more). */
  public boolean finish(long id, RunStatus status, Optional<String> error, Instant now) {
    return jdbc.update(
            "UPDATE dp_run SET status = ?, ended_at = ?, error_message = ?"
                + " WHERE id = ? AND status = 'RUNNING'",
            status.name(),
            now,
            error.map(text -> truncate(text, MAX_ERROR)).orElse(null),
            id)
        == 1;
  }

  /** Puts a failed running run back in the queue for its next attempt. */
  public boolean retry(long id, int nextAttempt, Instant notBefore, String error) {
    return jdbc.update(
            "UPDATE dp_run SET status = 'QUEUED', attempt = ?, not_before = ?, owner = NULL,"
                + " error_message = ? WHERE id = ? AND status = 'RUNNING'",
            nextAttempt,
            notBefore,
            truncate(error, MAX_ERROR),
            id)
        == 1;
  }

  /**
   * Cancels a queued run at once, or asks a running one to stop; returns the status after the
   * request.
   */
  public RunStatus requestCancel(long id, Instant now) {
    int canceled =
        jdbc.update(
            "UPDATE dp_run SET status = 'CANCELED', ended_at = ?, cancel_requested = TRUE"
                + " WHERE id = ? AND status = 'QUEUED'",
            now,
            id);
    if (canceled == 1) {
      return RunStatus.CANCELED;
    }
    jdbc.update(
        "UPDATE dp_run SET cancel_requested = TRUE WHERE id = ? AND status = 'RUNNING'", id);
    return run(id).status();
  }

  /** Ids of running runs of {@code owner} that a user asked to cancel. */
  public List<Long> cancelRequested(String owner) {
    return jdbc.query(
        "SELECT id FROM dp_run WHERE owner = ? AND status = 'RUNNING' AND cancel_requested",
        row -> row.getLong("id"),
        owner);
  }

  public long createBackfill(String job, String from, String to, int partitions, int runs) {
    return jdbc.insertReturningId(
        "INSERT INTO dp_backfill (job_name, partition_from, partition_to, partition_count,"
            + " run_count, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        job,
        from,
        to,
        partitions,
        runs,
        Instant.now());
  }

  static String truncate(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length - 3) + "...";
  }

  private static Run map(ResultSet row) throws SQLException {
    long backfill = row.getLong("backfill_id");
    OptionalLong backfillId = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(backfill);
    long parent = row.getLong("parent_run_id");
    OptionalLong parentId = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(parent);
    return new Run(
        row.getLong("id"),
        row.getString("job_name"),
        RunStatus.valueOf(row.getString("status")),
        row.getInt("attempt"),
        row.getInt("max_attempts"),
        row.getString("trigger_kind"),
        row.getString("trigger_detail"),
        Optional.ofNullable(row.getString("partition_from")),
        Optional.ofNullable(row.getString("partition_to")),
        row.getInt("partition_count"),
        backfillId,
        parentId,
        row.getInt("start_step"),
        Jdbc.instant(row, "not_before"),
        Jdbc.instant(row, "created_at"),
        Optional.ofNullable(Jdbc.instant(row, "started_at")),
        Optional.ofNullable(Jdbc.instant(row, "ended_at")),
        Optional.ofNullable(row.getString("owner")),
        row.getBoolean("cancel_requested"),
        Optional.ofNullable(row.getString("error_message")));
  }
}

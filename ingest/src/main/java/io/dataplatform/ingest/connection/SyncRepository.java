package io.dataplatform.ingest.connection;

import static java.util.Objects.requireNonNull;

import io.dataplatform.ingest.sync.StreamReport;
import io.dataplatform.ingest.sync.SyncReport;
import io.dataplatform.ingest.sync.SyncStatus;
import io.dataplatform.metastore.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Syncs, their per-stream figures and their logs in the metastore. */
public final class SyncRepository {
  private final Jdbc jdbc;

  public SyncRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(requireNonNull(dataSource, "dataSource"));
  }

  /** Records a sync that started. */
  public void started(String syncId, String connection, Instant startedAt) {
    jdbc.update(
        "INSERT INTO dp_sync (id, connection_name, status, started_at, records_committed,"
            + " bytes_committed) VALUES (?, ?, ?, ?, 0, 0)",
        syncId,
        connection,
        SyncStatus.RUNNING.name(),
        startedAt);
  }

  /** Records how a sync ended: status, figures per stream, log. */
  public void finished(SyncReport report) {
    long bytes = report.streams().stream().mapToLong(StreamReport::bytesCommitted).sum();
    jdbc.update(
        "UPDATE dp_sync SET status = ?, ended_at = ?, records_committed = ?, bytes_committed = ?,"
            + " error_message = ? WHERE id = ?",
        report.status().name(),
        report.endedAt().orElse(Instant.now()),
        report.recordsCommitted(),
        bytes,
        report.error().orElse(null),
        report.syncId());
    jdbc.update("DELETE FROM dp_sync_stream WHERE sync_id = ?", report.syncId());
    for (StreamReport stream : report.streams()) {
      jdbc.update(
          "INSERT INTO dp_sync_stream (sync_id, stream, table_name, status, records_read,"
              + " records_committed, bytes_committed, commits, error_message)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          report.syncId(),
          stream.stream(),
          stream.table(),
          stream.status().name(),
          stream.recordsRead(),
          stream.recordsCommitted(),
          stream.bytesCommitted(),
          stream.commits(),
          stream.error().orElse(null));
    }
    jdbc.update("DELETE FROM dp_sync_log WHERE sync_id = ?", report.syncId());
    for (int i = 0; i < report.log().size(); i++) {
      jdbc.update(
          "INSERT INTO dp_sync_log (sync_id, line_number, line) VALUES (?, ?, ?)",
          report.syncId(),
          i,
          report.log().get(i));
    }
  }

  /**
   * Marks syncs still running as failed: called when the server starts, since a running sync
   * belongs to a process that is gone.
   */
  public int failRunning(Instant now) {
    return jdbc.update(
        "UPDATE dp_sync SET status = ?, ended_at = ?, error_message = ? WHERE status = ?",
        SyncStatus.FAILED.name(),
        now,
        "The server stopped during the sync; the next sync resumes from the last commit",
        SyncStatus.RUNNING.name());
  }

  /** The latest syncs of a connection, newest first, without streams and log. */
  public List<SyncSummary> list(String connection, int limit) {
    return jdbc.query(
        "SELECT * FROM dp_sync WHERE connection_name = ? ORDER BY started_at DESC, id DESC"
            + " LIMIT ?",
        row ->
            new SyncSummary(
                row.getString("id"),
                row.getString("connection_name"),
                SyncStatus.valueOf(row.getString("status")),
                Jdbc.instant(row, "started_at"),
                Optional.ofNullable(Jdbc.instant(row, "ended_at")),
                row.getLong("records_committed"),
                row.getLong("bytes_committed"),
                Optional.ofNullable(row.getString("error_message"))),
        connection,
        limit);
  }

  /** A sync with its streams and log. */
  public Optional<SyncReport> find(String syncId) {
    List<StreamReport> streams =
        jdbc.query(
            "SELECT * FROM dp_sync_stream WHERE sync_id = ? ORDER BY stream",
            SyncRepository::stream,
            syncId);
    List<String> log =
        jdbc.query(
            "SELECT line FROM dp_sync_log WHERE sync_id = ? ORDER BY line_number",
            row -> row.getString(1),
            syncId);
    return jdbc.queryOne(
        "SELECT * FROM dp_sync WHERE id = ?", row -> report(row, streams, log), syncId);
  }

  /** Removes a deleted connection's history. */
  public void deleteConnection(String connection) {
    String ids = "SELECT id FROM dp_sync WHERE connection_name = ?";
    jdbc.update("DELETE FROM dp_sync_log WHERE sync_id IN (" + ids + ")", connection);
    jdbc.update("DELETE FROM dp_sync_stream WHERE sync_id IN (" + ids + ")", connection);
    jdbc.update("DELETE FROM dp_sync WHERE connection_name = ?", connection);
  }

  private static SyncReport report(ResultSet row, List<StreamReport> streams, List<String> log)
      throws SQLException {
    return new SyncReport(
        row.getString("connection_name"),
        row.getString("id"),
        SyncStatus.valueOf(row.getString("status")),
        Jdbc.instant(row, "started_at"),
        Optional.ofNullable(Jdbc.instant(row, "ended_at")),
        streams,
        Optional.ofNullable(row.getString("error_message")),
        log);
  }

  private static StreamReport stream(ResultSet row) throws SQLException {
    return new StreamReport(
        row.getString("stream"),
        row.getString("table_name"),
        SyncStatus.valueOf(row.getString("status")),
        row.getLong("records_read"),
        row.getLong("records_committed"),
        row.getLong("bytes_committed"),
        row.getInt("commits"),
        Optional.ofNullable(row.getString("error_message")));
  }
}

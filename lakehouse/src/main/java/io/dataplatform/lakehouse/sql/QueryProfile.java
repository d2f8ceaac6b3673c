package io.dataplatform.lakehouse.sql;

import io.dataplatform.metastore.QueryRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** What one statement did, gathered while it runs; becomes a {@link QueryRecord}. */
final class QueryProfile {
  final String queryId = UUID.randomUUID().toString();
  final Instant startedAt = Instant.now();
  private final long startNanos = System.nanoTime();
  private final SqlSession session;
  private final String sql;
  private long planningNanos;
  private long executionStartNanos = -1;
  private long filesPlanned;
  private long filesScanned;
  private long bytesScanned;
  private long rowsReturned;
  private final Set<String> tablesRead = new LinkedHashSet<>();
  private String error;

  QueryProfile(SqlSession session, String sql) {
    this.session = session;
    this.sql = sql;
  }

  SqlSession session() {
    return session;
  }

  /** Stops the statement's work in DuckDB when its session is canceled. */
  io.dataplatform.api.Cancellation cancellation() {
    return session.cancellation();
  }

  synchronized void scanned(String table, long planned, long scanned, long bytes) {
    tablesRead.add(table);
    filesPlanned += planned;
    filesScanned += scanned;
    bytesScanned += bytes;
  }

  synchronized void planningDone() {
    planningNanos = System.nanoTime() - startNanos;
    executionStartNanos = System.nanoTime();
  }

  synchronized void rows(long count) {
    rowsReturned = count;
  }

  synchronized void failed(Throwable failure) {
    if (error == null) {
      error = String.valueOf(failure.getMessage());
    }
  }

  synchronized QueryRecord toRecord() {
    long now = System.nanoTime();
    long execution = executionStartNanos < 0 ? 0 : now - executionStartNanos;
    long planning = executionStartNanos < 0 ? now - startNanos : planningNanos;
    return new QueryRecord(
        queryId,
        session.username(),
        sql,
        error == null ? "FINISHED" : "FAILED",
        Optional.ofNullable(error),
        startedAt,
        planning / 1_000_000,
        execution / 1_000_000,
        (now - startNanos) / 1_000_000,
        filesPlanned,
        filesScanned,
        bytesScanned,
        rowsReturned,
        new ArrayList<>(tablesRead));
  }
}

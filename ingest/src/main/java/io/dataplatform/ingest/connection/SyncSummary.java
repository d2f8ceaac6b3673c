package io.dataplatform.ingest.connection;

import static java.util.Objects.requireNonNull;

import io.dataplatform.ingest.sync.StreamReport;
import io.dataplatform.ingest.sync.SyncReport;
import io.dataplatform.ingest.sync.SyncStatus;
import java.time.Instant;
import java.util.Optional;

/** One line of a connection's sync history. */
public record SyncSummary(
    String syncId,
    String connection,
    SyncStatus status,
    Instant startedAt,
    Optional<Instant> endedAt,
    long recordsCommitted,
    long bytesCommitted,
    Optional<String> error) {
  public SyncSummary {
    requireNonNull(syncId, "syncId");
    requireNonNull(connection, "connection");
    requireNonNull(status, "status");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(endedAt, "endedAt");
    requireNonNull(error, "error");
  }

  static SyncSummary of(SyncReport report) {
    return new SyncSummary(
        report.syncId(),
        report.connection(),
        report.status(),
        report.startedAt(),
        report.endedAt(),
        report.recordsCommitted(),
        report.streams().stream().mapToLong(StreamReport::bytesCommitted).sum(),
        report.error());
  }
}

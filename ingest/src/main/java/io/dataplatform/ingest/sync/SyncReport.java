package io.dataplatform.ingest.sync;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A sync's state: status, per-stream figures and log, live while it runs. */
public record SyncReport(
    String connection,
    String syncId,
    SyncStatus status,
    Instant startedAt,
    Optional<Instant> endedAt,
    List<StreamReport> streams,
    Optional<String> error,
    List<String> log) {
  public SyncReport {
    requireNonNull(connection, "connection");
    requireNonNull(syncId, "syncId");
    requireNonNull(status, "status");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(endedAt, "endedAt");
    streams = List.copyOf(streams);
    requireNonNull(error, "error");
    log = List.copyOf(log);
  }

  /** Time from start to end, or to {@code now} while running. */
  public Duration duration(Instant now) {
    return Duration.between(startedAt, endedAt.orElse(now));
  }

  public long recordsCommitted() {
    return streams.stream().mapToLong(StreamReport::recordsCommitted).sum();
  }

  public Optional<StreamReport> stream(String name) {
    return streams.stream().filter(stream -> stream.stream().equals(name)).findFirst();
  }
}

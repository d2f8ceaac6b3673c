package io.dataplatform.metastore;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One statement in the query history with its profile.
 *
 * @param status {@code FINISHED} or {@code FAILED}
 * @param filesPlanned data files in the scanned snapshots before pruning
 * @param filesScanned data files actually read after partition and statistics pruning
 */
public record QueryRecord(
    String id,
    String username,
    String sql,
    String status,
    Optional<String> errorMessage,
    Instant startedAt,
    long planningMillis,
    long executionMillis,
    long totalMillis,
    long filesPlanned,
    long filesScanned,
    long bytesScanned,
    long rowsReturned,
    List<String> tablesRead) {
  public QueryRecord {
    requireNonNull(id, "id");
    requireNonNull(username, "username");
    requireNonNull(sql, "sql");
    requireNonNull(status, "status");
    requireNonNull(errorMessage, "errorMessage");
    requireNonNull(startedAt, "startedAt");
    tablesRead = List.copyOf(tablesRead);
  }
}

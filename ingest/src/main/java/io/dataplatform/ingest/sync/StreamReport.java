package io.dataplatform.ingest.sync;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One stream of a sync, as far as it got.
 *
 * @param recordsRead records received from the source
 * @param recordsCommitted rows written to the table by the commits
 * @param bytesCommitted size of the data files those commits wrote
 * @param commits lake commits made
 */
public record StreamReport(
    String stream,
    String table,
    SyncStatus status,
    long recordsRead,
    long recordsCommitted,
    long bytesCommitted,
    int commits,
    Optional<String> error) {
  public StreamReport {
    requireNonNull(stream, "stream");
    requireNonNull(table, "table");
    requireNonNull(status, "status");
    requireNonNull(error, "error");
  }
}

package io.dataplatform.api.connector;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A stream the user chose to sync, and how.
 *
 * @param stream the stream as discovered
 * @param mode the sync mode, one of the stream's modes
 * @param cursor the cursor column for incremental modes
 * @param primaryKey the key for {@link SyncMode#INCREMENTAL_DEDUP} and {@link SyncMode#CDC}; may
 *     override the source's
 * @param state where the previous sync stopped; {@link StreamState#EMPTY} for a first sync or a
 *     full refresh
 */
public record ConfiguredStream(
    SourceStream stream,
    SyncMode mode,
    Optional<String> cursor,
    List<String> primaryKey,
    StreamState state) {
  public ConfiguredStream {
    requireNonNull(stream, "stream");
    requireNonNull(mode, "mode");
    requireNonNull(cursor, "cursor");
    primaryKey = List.copyOf(primaryKey);
    requireNonNull(state, "state");
  }

  public String name() {
    return stream.name();
  }
}

package io.dataplatform.lakehouse.load;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a commit records next to its data, in the snapshot's summary: which connection and stream it
 * came from, the sync, the stream's state after the committed rows, and the highest change-log
 * position the table holds.
 */
public record LoadCommit(
    String connection,
    String stream,
    String syncId,
    Map<String, String> state,
    Optional<String> position) {
  static final String CONNECTION = "dp.connection";
  static final String STREAM = "dp.stream";
  static final String SYNC_ID = "dp.sync-id";
  static final String POSITION = "dp.position";
  static final String STATE_PREFIX = "dp.state.";

  public LoadCommit {
    requireNonNull(connection, "connection");
    requireNonNull(stream, "stream");
    requireNonNull(syncId, "syncId");
    state = Map.copyOf(state);
    requireNonNull(position, "position");
  }

  /** The snapshot summary properties of this commit. */
  Map<String, String> summary() {
    Map<String, String> summary = new HashMap<>();
    summary.put(CONNECTION, connection);
    summary.put(STREAM, stream);
    summary.put(SYNC_ID, syncId);
    position.ifPresent(value -> summary.put(POSITION, value));
    state.forEach((key, value) -> summary.put(STATE_PREFIX + key, value));
    return summary;
  }

  /** The commit recorded in a snapshot summary, if the snapshot was written by a load. */
  static Optional<LoadCommit> fromSummary(Map<String, String> summary) {
    if (!summary.containsKey(CONNECTION) || !summary.containsKey(STREAM)) {
      return Optional.empty();
    }
    Map<String, String> state = new HashMap<>();
    summary.forEach(
        (key, value) -> {
          if (key.startsWith(STATE_PREFIX)) {
            state.put(key.substring(STATE_PREFIX.length()), value);
          }
        });
    return Optional.of(
        new LoadCommit(
            summary.get(CONNECTION),
            summary.get(STREAM),
            summary.getOrDefault(SYNC_ID, ""),
            state,
            Optional.ofNullable(summary.get(POSITION))));
  }
}

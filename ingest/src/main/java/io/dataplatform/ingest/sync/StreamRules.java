package io.dataplatform.ingest.sync;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.SourceStream;
import io.dataplatform.api.connector.StreamState;
import io.dataplatform.api.connector.SyncMode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Checks a planned stream against what the source offers, and resolves its cursor and key. */
public final class StreamRules {
  private StreamRules() {}

  /** The source's stream of this name, or a clear error naming the streams there are. */
  public static SourceStream find(
      String connection, String stream, Map<String, SourceStream> discovered) {
    SourceStream source = discovered.get(stream);
    if (source == null) {
      throw new DpException(
          StandardErrorCode.INVALID_CONFIGURATION,
          "Cannot sync connection "
              + connection
              + ": the source has no stream '"
              + stream
              + "' (streams: "
              + names(discovered.keySet())
              + ")");
    }
    return source;
  }

  /**
   * The stream as the connector must read it.
   *
   * @throws DpException when the mode is not offered, or a cursor or primary key is needed and
   *     missing or not a column
   */
  public static ConfiguredStream configure(
      String connection, StreamPlan plan, SourceStream source, StreamState state) {
    SyncMode mode = plan.mode();
    if (!source.syncModes().contains(mode)) {
      throw invalid(
          connection,
          plan,
          "the source does not offer mode "
              + mode.configName()
              + " for it (modes: "
              + names(source.syncModes().stream().map(SyncMode::configName).toList())
              + ")");
    }
    Optional<String> cursor = plan.cursor().or(source::defaultCursor);
    boolean incremental = mode == SyncMode.INCREMENTAL_APPEND || mode == SyncMode.INCREMENTAL_DEDUP;
    if (incremental && cursor.isEmpty()) {
      throw invalid(
          connection,
          plan,
          "mode "
              + mode.configName()
              + " needs a cursor column (candidates: "
              + names(source.cursorCandidates())
              + ")");
    }
    if (incremental && source.column(cursor.get()).isEmpty()) {
      throw invalid(connection, plan, "the cursor is not a column (" + cursor.get() + ")");
    }
    List<String> key = plan.primaryKey().isEmpty() ? source.primaryKey() : plan.primaryKey();
    boolean keyed = mode == SyncMode.INCREMENTAL_DEDUP || mode == SyncMode.CDC;
    if (keyed && key.isEmpty()) {
      throw invalid(
          connection,
          plan,
          "mode " + mode.configName() + " needs a primary key and the source declares none");
    }
    for (String column : key) {
      if (source.column(column).isEmpty()) {
        throw invalid(connection, plan, "the primary key column is not a column (" + column + ")");
      }
    }
    return new ConfiguredStream(source, mode, incremental ? cursor : Optional.empty(), key, state);
  }

  private static DpException invalid(String connection, StreamPlan plan, String reason) {
    return new DpException(
        StandardErrorCode.INVALID_CONFIGURATION,
        "Cannot sync stream " + plan.name() + " of connection " + connection + ": " + reason);
  }

  private static String names(Collection<String> names) {
    return names.isEmpty()
        ? "none"
        : new TreeSet<>(names).stream().collect(Collectors.joining(", "));
  }
}

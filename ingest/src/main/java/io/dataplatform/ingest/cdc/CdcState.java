package io.dataplatform.ingest.cdc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.StreamState;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a CDC stream's {@link StreamState} holds: Debezium's source partition and offset (enough to
 * resume the change log), the position of the last change it covers, whether that change was still
 * part of the initial snapshot, and for binlog sources the captured tables' schema history.
 *
 * @param partition Debezium's source partition map
 * @param offset Debezium's source offset map
 * @param position the source position of the last change covered, in string order
 * @param snapshot true while the initial snapshot is not complete: Debezium, started from this
 *     offset, takes the snapshot again from the start
 * @param schemaHistory Debezium schema history documents, one JSON text each; empty for PostgreSQL
 */
record CdcState(
    Map<String, Object> partition,
    Map<String, Object> offset,
    String position,
    boolean snapshot,
    List<String> schemaHistory) {
  static final String PARTITION = "cdc.partition";
  static final String OFFSET = "cdc.offset";
  static final String POSITION = "cdc.position";
  static final String PHASE = "cdc.phase";
  static final String SCHEMA_HISTORY = "cdc.schema_history";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final TypeReference<List<String>> LIST = new TypeReference<>() {};

  CdcState {
    partition = new LinkedHashMap<>(partition);
    offset = new LinkedHashMap<>(offset);
    requireNonNull(position, "position");
    schemaHistory = List.copyOf(schemaHistory);
  }

  StreamState toStreamState() {
    Map<String, String> values = new HashMap<>();
    values.put(PARTITION, write(partition));
    values.put(OFFSET, write(offset));
    values.put(POSITION, position);
    values.put(PHASE, snapshot ? "snapshot" : "streaming");
    if (!schemaHistory.isEmpty()) {
      values.put(SCHEMA_HISTORY, write(schemaHistory));
    }
    return new StreamState(values);
  }

  /** The stored state of a stream; empty for a first read. */
  static Optional<CdcState> of(StreamState state, String stream) {
    if (state.value(OFFSET).isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new CdcState(
              JSON.readValue(state.value(PARTITION).orElse("{}"), MAP),
              JSON.readValue(state.value(OFFSET).orElseThrow(), MAP),
              state.value(POSITION).orElse(""),
              snapshotRunning(JSON.readValue(state.value(OFFSET).orElseThrow(), MAP)),
              JSON.readValue(state.value(SCHEMA_HISTORY).orElse("[]"), LIST)));
    } catch (JsonProcessingException e) {
      throw new DpException(
          StandardErrorCode.INTERNAL_ERROR,
          "Cannot resume change data capture: the stored state is not readable (" + stream + ")",
          e);
    }
  }

  /**
   * Where one read of several streams starts: the state that is furthest behind. Streams whose own
   * state is further on skip the changes their state covers. A stream without a state next to
   * streams with one cannot be started in the same change log.
   */
  static Optional<CdcState> resumePoint(List<ConfiguredStream> streams, String type) {
    CdcState earliest = null;
    List<String> fresh = new java.util.ArrayList<>();
    for (ConfiguredStream stream : streams) {
      Optional<CdcState> state = of(stream.state(), stream.name());
      if (state.isEmpty()) {
        fresh.add(stream.name());
      } else if (earliest == null || state.get().before(earliest)) {
        earliest = state.get();
      }
    }
    if (earliest != null && !fresh.isEmpty()) {
      throw new DpException(
          StandardErrorCode.NOT_SUPPORTED,
          "Cannot add streams to a running "
              + type
              + " change data capture: reset the connection's CDC streams to snapshot them"
              + " together (dp sync <connection> --reset-stream <stream>; "
              + String.join(", ", fresh)
              + ")");
    }
    return Optional.ofNullable(earliest);
  }

  /**
   * Whether Debezium, started from {@code offset}, takes the initial snapshot again from the start:
   * the offset was recorded during an initial snapshot that had not completed. Mirrors the offset
   * loaders of the PostgreSQL and binlog connectors and the {@code initial} snapshot mode: the
   * {@code snapshot} key names a running initial snapshot unless {@code snapshot_completed} or, for
   * PostgreSQL, {@code last_snapshot_record} is set. The offset decides, not the stored phase:
   * earlier states gave the last snapshot record's state the snapshot phase although its offset
   * marks the snapshot complete.
   */
  static boolean snapshotRunning(Map<String, ?> offset) {
    Object snapshot = offset.get("snapshot");
    boolean initial =
        Boolean.TRUE.equals(snapshot) || "true".equals(snapshot) || "INITIAL".equals(snapshot);
    return initial
        && !flag(offset.get("snapshot_completed"))
        && !flag(offset.get("last_snapshot_record"));
  }

  private static boolean flag(Object value) {
    return Boolean.TRUE.equals(value) || "true".equals(value);
  }

  /**
   * Whether a read resuming from these stream states takes the initial snapshot again from the
   * start: one of them was committed while a snapshot was under way (the streams of a read share
   * one change log, which resumes from the state furthest behind, and a snapshot state sorts
   * first).
   */
  static boolean snapshotStartsOver(List<ConfiguredStream> streams) {
    for (ConfiguredStream stream : streams) {
      if (of(stream.state(), stream.name()).map(CdcState::snapshot).orElse(false)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a read of these streams starts with the initial snapshot: none has a state yet, or one
   * was committed while a snapshot was under way.
   */
  static boolean snapshotDue(List<ConfiguredStream> streams, String type) {
    return resumePoint(streams, type).isEmpty() || snapshotStartsOver(streams);
  }

  private boolean before(CdcState other) {
    if (snapshot != other.snapshot) {
      return snapshot;
    }
    return position.compareTo(other.position) < 0;
  }

  /** True when a change at {@code changePosition} was already delivered under this state. */
  boolean covers(String changePosition) {
    return !snapshot && changePosition.compareTo(position) <= 0;
  }

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write change data capture state: " + e, e);
    }
  }

  static Map<String, Object> readMap(String json) {
    try {
      return JSON.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Cannot read change data capture state: not a JSON object", e);
    }
  }

  static List<String> readList(String json) {
    try {
      return JSON.readValue(json, LIST);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot read change data capture state: not a list", e);
    }
  }
}

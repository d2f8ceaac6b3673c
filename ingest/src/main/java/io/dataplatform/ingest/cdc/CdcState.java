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
 * @param snapshot true while the initial snapshot is not complete
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
              state.value(PHASE).orElse("streaming").equals("snapshot"),
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
              + " together ("
              + String.join(", ", fresh)
              + ")");
    }
    return Optional.ofNullable(earliest);
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

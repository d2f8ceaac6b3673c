package io.dataplatform.api.connector;

import java.util.Map;
import java.util.Optional;

/**
 * What a stream has already delivered: a cursor value, a change-log position, a page token. The
 * connector defines the keys; the engine stores the map in the same lake commit as the records
 * delivered before it, and hands it back on the next read.
 *
 * @param values string keys and values, empty for a first read
 */
public record StreamState(Map<String, String> values) {
  public static final StreamState EMPTY = new StreamState(Map.of());

  public StreamState {
    values = Map.copyOf(values);
  }

  public Optional<String> value(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }
}

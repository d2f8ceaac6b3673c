package io.dataplatform.lakehouse.flight;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The prepared statements of all clients, keyed by handle; idle ones are dropped. */
final class PreparedQueries {
  private final Duration idleTimeout;
  private final Clock clock;
  private final Map<ByteString, Entry> statements = new ConcurrentHashMap<>();

  private record Entry(PreparedQuery query, Instant lastUsed) {}

  PreparedQueries(Duration idleTimeout, Clock clock) {
    this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout");
    this.clock = requireNonNull(clock, "clock");
  }

  ByteString add(PreparedQuery query) {
    ByteString handle = ByteString.copyFrom(UUID.randomUUID().toString(), StandardCharsets.UTF_8);
    statements.put(handle, new Entry(query, clock.instant()));
    return handle;
  }

  /** The prepared statement for a handle; only the user who prepared it may use it. */
  PreparedQuery find(ByteString handle, String username) {
    Entry entry = statements.get(handle);
    if (entry == null || !entry.query().username().equals(username)) {
      throw FlightErrors.notFound(
          "Cannot use prepared statement: it does not exist or was closed ("
              + handle.toStringUtf8()
              + ")");
    }
    statements.replace(handle, entry, new Entry(entry.query(), clock.instant()));
    return entry.query();
  }

  PreparedQuery remove(ByteString handle, String username) {
    PreparedQuery query = find(handle, username);
    statements.remove(handle);
    return query;
  }

  void expire() {
    Instant oldest = clock.instant().minus(idleTimeout);
    statements.values().removeIf(entry -> entry.lastUsed().isBefore(oldest));
  }

  int size() {
    return statements.size();
  }
}

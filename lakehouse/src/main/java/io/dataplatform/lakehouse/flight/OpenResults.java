package io.dataplatform.lakehouse.flight;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Results that a client asked for (GetFlightInfo) and has not fetched yet (DoGet), keyed by the
 * handle in the ticket. Results nobody fetches in time are failed and released.
 */
final class OpenResults implements AutoCloseable {
  private final Duration timeToFetch;
  private final Clock clock;
  private final Map<ByteString, Pending> pending = new ConcurrentHashMap<>();

  private record Pending(OpenResult result, Instant deadline) {}

  OpenResults(Duration timeToFetch, Clock clock) {
    this.timeToFetch = requireNonNull(timeToFetch, "timeToFetch");
    this.clock = requireNonNull(clock, "clock");
  }

  ByteString add(OpenResult result) {
    ByteString handle = ByteString.copyFrom(UUID.randomUUID().toString(), StandardCharsets.UTF_8);
    pending.put(handle, new Pending(result, clock.instant().plus(timeToFetch)));
    return handle;
  }

  /** Removes and returns the result for a handle; only its owner may take it. */
  OpenResult take(ByteString handle, String username) {
    return takeIfPresent(handle, username)
        .orElseThrow(
            () ->
                FlightErrors.notFound(
                    "Cannot fetch results: the ticket is unknown or was already used ("
                        + handle.toStringUtf8()
                        + ")"));
  }

  Optional<OpenResult> takeIfPresent(ByteString handle, String username) {
    Pending entry = pending.get(handle);
    if (entry == null
        || !entry.result().username().equals(username)
        || !pending.remove(handle, entry)) {
      return Optional.empty();
    }
    return Optional.of(entry.result());
  }

  /** Fails and releases results whose fetch deadline has passed. */
  void expire() {
    Instant now = clock.instant();
    pending.forEach(
        (handle, entry) -> {
          if (entry.deadline().isBefore(now) && pending.remove(handle, entry)) {
            entry
                .result()
                .fail(
                    new IllegalStateException(
                        "Cannot keep results: the client never fetched them"));
          }
        });
  }

  int size() {
    return pending.size();
  }

  @Override
  public void close() {
    pending.forEach(
        (handle, entry) -> {
          if (pending.remove(handle, entry)) {
            entry
                .result()
                .fail(new IllegalStateException("Cannot keep results: the server stopped"));
          }
        });
  }
}

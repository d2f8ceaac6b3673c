package io.dataplatform.lakehouse.flight;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import io.dataplatform.api.Cancellation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Results that a client asked for (GetFlightInfo, or a prepare that started its query) and has not
 * fetched yet, keyed by the handle in the ticket. A result may still be running; taking it waits
 * for it. Results nobody fetches in time are failed and released.
 */
final class OpenResults implements AutoCloseable {
  private final Duration timeToFetch;
  private final Clock clock;
  private final Map<ByteString, Pending> pending = new ConcurrentHashMap<>();

  /**
   * @param cancellation stops the result's query while it runs
   */
  private record Pending(
      String username,
      CompletableFuture<OpenResult> result,
      Cancellation cancellation,
      Instant deadline) {}

  OpenResults(Duration timeToFetch, Clock clock) {
    this.timeToFetch = requireNonNull(timeToFetch, "timeToFetch");
    this.clock = requireNonNull(clock, "clock");
  }

  ByteString add(OpenResult result) {
    return add(result.username(), CompletableFuture.completedFuture(result), new Cancellation());
  }

  /** Adds a result whose query may still be running under {@code cancellation}. */
  ByteString add(String username, CompletableFuture<OpenResult> result, Cancellation cancellation) {
    ByteString handle = ByteString.copyFrom(UUID.randomUUID().toString(), StandardCharsets.UTF_8);
    pending.put(
        handle,
        new Pending(
            requireNonNull(username, "username"),
            requireNonNull(result, "result"),
            requireNonNull(cancellation, "cancellation"),
            clock.instant().plus(timeToFetch)));
    return handle;
  }

  /**
   * Removes and returns the result for a handle, once its query finished; only its owner may take
   * it.
   *
   * @throws RuntimeException the query's error when it failed
   */
  OpenResult take(ByteString handle, String username) {
    return takeIfPresent(handle, username)
        .orElseThrow(
            () ->
                FlightErrors.notFound(
                    "Cannot fetch results: the ticket is unknown or was already used ("
                        + handle.toStringUtf8()
                        + ")"));
  }

  /**
   * Like {@link #take}, empty when there is no such result.
   *
   * @throws RuntimeException the query's error when it failed
   */
  Optional<OpenResult> takeIfPresent(ByteString handle, String username) {
    return remove(handle, username).map(entry -> await(entry.result()));
  }

  /**
   * Removes a result nobody will fetch: stops its query if it still runs, and fails the result with
   * {@code reason}.
   *
   * @return whether there was such a result
   */
  boolean drop(ByteString handle, String username, Throwable reason) {
    Optional<Pending> entry = remove(handle, username);
    entry.ifPresent(dropped -> fail(dropped, reason));
    return entry.isPresent();
  }

  private Optional<Pending> remove(ByteString handle, String username) {
    Pending entry = pending.get(handle);
    if (entry == null || !entry.username().equals(username) || !pending.remove(handle, entry)) {
      return Optional.empty();
    }
    return Optional.of(entry);
  }

  private static OpenResult await(CompletableFuture<OpenResult> result) {
    try {
      return result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private static void fail(Pending entry, Throwable reason) {
    if (!entry.result().isDone()) {
      entry.cancellation().cancel(String.valueOf(reason.getMessage()));
    }
    entry
        .result()
        .whenComplete(
            (result, error) -> {
              if (result != null) {
                result.fail(reason);
              }
            });
  }

  /** Fails and releases finished results whose fetch deadline has passed. */
  void expire() {
    Instant now = clock.instant();
    pending.forEach(
        (handle, entry) -> {
          if (entry.result().isDone()
              && entry.deadline().isBefore(now)
              && pending.remove(handle, entry)) {
            fail(
                entry,
                new IllegalStateException("Cannot keep results: the client never fetched them"));
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
            fail(entry, new IllegalStateException("Cannot keep results: the server stopped"));
          }
        });
  }
}

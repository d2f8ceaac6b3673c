package io.dataplatform.lakehouse.flight;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;

/**
 * Limits of the Flight SQL endpoint.
 *
 * @param batchRows rows per Arrow batch sent to clients
 * @param timeToFetch how long a query result waits for the client to fetch it
 * @param clientWaitTimeout how long a stream waits for a client that stopped reading
 * @param preparedIdleTimeout how long an unused prepared statement is kept
 * @param sessionIdleTimeout how long an unused bearer token issued at login stays valid
 * @param clock the time source
 */
record FlightSettings(
    int batchRows,
    Duration timeToFetch,
    Duration clientWaitTimeout,
    Duration preparedIdleTimeout,
    Duration sessionIdleTimeout,
    Clock clock) {
  static final FlightSettings DEFAULTS =
      new FlightSettings(
          16_384,
          Duration.ofMinutes(5),
          Duration.ofMinutes(5),
          Duration.ofHours(1),
          Duration.ofHours(8),
          Clock.systemUTC());

  FlightSettings {
    if (batchRows < 1) {
      throw new IllegalArgumentException(
          "Cannot configure Flight SQL: batch rows must be positive (" + batchRows + ")");
    }
    requireNonNull(timeToFetch, "timeToFetch");
    requireNonNull(clientWaitTimeout, "clientWaitTimeout");
    requireNonNull(preparedIdleTimeout, "preparedIdleTimeout");
    requireNonNull(sessionIdleTimeout, "sessionIdleTimeout");
    requireNonNull(clock, "clock");
  }
}

package io.dataplatform.orchestrator.job;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import java.time.Duration;

/**
 * How often a failed run is tried again and how long it waits in between: {@code backoff} before
 * the second attempt, doubling each time, never more than {@code maxBackoff}.
 *
 * @param maxAttempts total attempts including the first; 1 means no retry
 */
public record RetryPolicy(int maxAttempts, Duration backoff, Duration maxBackoff) {
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    requireNonNull(backoff, "backoff");
    requireNonNull(maxBackoff, "maxBackoff");
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw DpException.user(
          "Cannot use retry policy: max_attempts must be from 1 to 100 (" + maxAttempts + ")");
    }
    if (backoff.isNegative() || maxBackoff.compareTo(backoff) < 0) {
      throw DpException.user(
          "Cannot use retry policy: backoff must be at least 0 and at most max_backoff ("
              + backoff
              + ", "
              + maxBackoff
              + ")");
    }
  }

  /** Whether a run whose attempt {@code attempt} (1-based) failed is tried again. */
  public boolean retries(int attempt) {
    return attempt < maxAttempts;
  }

  /** The wait after failed attempt {@code attempt} (1-based) before the next one. */
  public Duration delayAfter(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempts count from 1: " + attempt);
    }
    Duration delay = backoff;
    for (int i = 1; i < attempt && delay.compareTo(maxBackoff) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
  }
}

package io.dataplatform.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import io.dataplatform.orchestrator.job.Durations;
import io.dataplatform.orchestrator.job.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TestRetryPolicy {
  @Test
  void doublesTheBackoffUpToTheCap() {
    RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(30), Duration.ofMinutes(3));
    assertEquals(Duration.ofSeconds(30), policy.delayAfter(1));
    assertEquals(Duration.ofSeconds(60), policy.delayAfter(2));
    assertEquals(Duration.ofSeconds(120), policy.delayAfter(3));
    assertEquals(Duration.ofMinutes(3), policy.delayAfter(4));
    assertEquals(Duration.ofMinutes(3), policy.delayAfter(60));
  }

  @Test
  void retriesUntilTheLastAttempt() {
    RetryPolicy policy = new RetryPolicy(3, Duration.ZERO, Duration.ZERO);
    assertTrue(policy.retries(1));
    assertTrue(policy.retries(2));
    assertFalse(policy.retries(3));
    assertFalse(RetryPolicy.NONE.retries(1));
  }

  @Test
  void refusesBadPolicies() {
    DpException attempts =
        assertThrows(DpException.class, () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO));
    assertEquals(
        "Cannot use retry policy: max_attempts must be from 1 to 100 (0)", attempts.getMessage());
    DpException cap =
        assertThrows(
            DpException.class,
            () -> new RetryPolicy(2, Duration.ofMinutes(5), Duration.ofMinutes(1)));
    assertEquals(
        "Cannot use retry policy: backoff must be at least 0 and at most max_backoff (PT5M, PT1M)",
        cap.getMessage());
  }

  @Test
  void readsAndWritesDurations() {
    assertEquals(Duration.ofMillis(250), Durations.parse("x", "250ms"));
    assertEquals(Duration.ofSeconds(30), Durations.parse("x", "30s"));
    assertEquals(Duration.ofMinutes(5), Durations.parse("x", "5m"));
    assertEquals(Duration.ofHours(2), Durations.parse("x", "2h"));
    assertEquals(Duration.ofDays(1), Durations.parse("x", "1d"));
    assertEquals(Duration.ofSeconds(90), Durations.parse("x", "PT90S"));
    assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
    assertEquals("2h", Durations.format(Duration.ofHours(2)));
    assertEquals("5m", Durations.format(Duration.ofMinutes(5)));
  }
}

package io.dataplatform.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dataplatform.api.DpException;
import io.dataplatform.orchestrator.trigger.CronSchedule;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TestCronSchedule {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Test
  void firesAtLocalTimeInSummerAndWinter() {
    CronSchedule schedule = CronSchedule.parse("0 6 * * *", PARIS);
    // summer: Paris is UTC+2
    assertEquals(
        Instant.parse("2026-07-01T04:00:00Z"),
        schedule.nextAfter(Instant.parse("2026-06-30T05:00:00Z")).orElseThrow());
    // winter: Paris is UTC+1
    assertEquals(
        Instant.parse("2026-12-01T05:00:00Z"),
        schedule.nextAfter(Instant.parse("2026-11-30T06:00:00Z")).orElseThrow());
  }

  @Test
  void crossesTheSpringClockChangeOnce() {
    // clocks go from 02:00 to 03:00 on 2026-03-29 in Paris; a 06:00 job still fires at 06:00
    CronSchedule schedule = CronSchedule.parse("0 6 * * *", PARIS);
    Instant before = Instant.parse("2026-03-28T05:00:00Z");
    Instant first = schedule.nextAfter(before).orElseThrow();
    assertEquals(Instant.parse("2026-03-29T04:00:00Z"), first);
    assertEquals(Instant.parse("2026-03-30T04:00:00Z"), schedule.nextAfter(first).orElseThrow());
  }

  @Test
  void findsTheLastTickAtOrBeforeNow() {
    CronSchedule everyFive = CronSchedule.parse("*/5 * * * *", ZoneOffset.UTC);
    assertEquals(
        Instant.parse("2026-01-01T10:05:00Z"),
        everyFive.lastAtOrBefore(Instant.parse("2026-01-01T10:05:00Z")).orElseThrow());
    assertEquals(
        Instant.parse("2026-01-01T10:05:00Z"),
        everyFive.lastAtOrBefore(Instant.parse("2026-01-01T10:09:59Z")).orElseThrow());
    assertEquals(
        Instant.parse("2026-01-01T10:10:00Z"),
        everyFive.nextAfter(Instant.parse("2026-01-01T10:05:00Z")).orElseThrow());
  }

  @Test
  void refusesBadExpressions() {
    DpException empty = assertThrows(DpException.class, () -> CronSchedule.parse(" ", PARIS));
    assertEquals("Cannot parse cron expression: it is empty ( )", empty.getMessage());
    DpException fields =
        assertThrows(DpException.class, () -> CronSchedule.parse("0 6 * *", PARIS));
    assertEquals(
        true,
        fields.getMessage().startsWith("Cannot parse cron expression: ")
            && fields.getMessage().endsWith(" (0 6 * *)"),
        fields.getMessage());
  }
}

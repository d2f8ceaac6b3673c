package io.dataplatform.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dataplatform.api.DpException;
import io.dataplatform.orchestrator.asset.BackfillPlan;
import io.dataplatform.orchestrator.asset.PartitionDefinition;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestPartitions {
  private static final PartitionDefinition DAILY =
      new PartitionDefinition.Daily(LocalDate.of(2024, 1, 1));

  @Test
  void listsDailyRangesAcrossMonthsAndLeapDays() {
    assertEquals(
        List.of("2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"),
        DAILY.range("2024-02-27", "2024-03-01"));
    assertEquals(List.of("2024-01-01"), DAILY.range("2024-01-01", "2024-01-01"));
    assertEquals(366, DAILY.range("2024-01-01", "2024-12-31").size());
  }

  @Test
  void listsHourlyRanges() {
    PartitionDefinition hourly = new PartitionDefinition.Hourly(LocalDateTime.of(2024, 1, 1, 0, 0));
    assertEquals(
        List.of("2024-01-01T22:00", "2024-01-01T23:00", "2024-01-02T00:00"),
        hourly.range("2024-01-01T22:00", "2024-01-02T00:00"));
    DpException minutes = assertThrows(DpException.class, () -> hourly.check("2024-01-01T22:30"));
    assertEquals(
        "Cannot use partition: an hourly partition starts on the hour (2024-01-01T22:30)",
        minutes.getMessage());
  }

  @Test
  void listsStaticRangesInDeclaredOrder() {
    PartitionDefinition regions = new PartitionDefinition.Static(List.of("eu", "us", "apac"));
    assertEquals(List.of("us", "apac"), regions.range("us", "apac"));
    DpException unknown = assertThrows(DpException.class, () -> regions.check("mars"));
    assertEquals(
        "Cannot use partition: the known partitions are [eu, us, apac] (mars)",
        unknown.getMessage());
  }

  @Test
  void refusesReversedAndEarlyRanges() {
    DpException reversed =
        assertThrows(DpException.class, () -> DAILY.range("2024-03-01", "2024-02-01"));
    assertEquals(
        "Cannot plan partition range: the start is after the end (2024-03-01, 2024-02-01)",
        reversed.getMessage());
    DpException early = assertThrows(DpException.class, () -> DAILY.check("2023-12-31"));
    assertEquals(
        "Cannot use partition: it is before the first partition 2024-01-01 (2023-12-31)",
        early.getMessage());
    DpException format = assertThrows(DpException.class, () -> DAILY.check("01/02/2024"));
    assertEquals(
        "Cannot use partition: a daily partition is written YYYY-MM-DD (01/02/2024)",
        format.getMessage());
  }

  @Test
  void batchesABackfillIntoABoundedNumberOfEvenRuns() {
    List<String> days = DAILY.range("2024-01-01", "2024-01-10");
    BackfillPlan plan = BackfillPlan.of(days, 3);
    assertEquals(
        List.of(
            new BackfillPlan.Batch("2024-01-01", "2024-01-04", 4),
            new BackfillPlan.Batch("2024-01-05", "2024-01-07", 3),
            new BackfillPlan.Batch("2024-01-08", "2024-01-10", 3)),
        plan.batches());
    assertEquals(10, plan.partitionCount());
    assertEquals(2, BackfillPlan.of(days.subList(0, 2), 100).batches().size());
  }

  @Test
  void batchesTenThousandDailyPartitions() {
    PartitionDefinition since1990 = new PartitionDefinition.Daily(LocalDate.of(1990, 1, 1));
    List<String> days =
        since1990.range("1990-01-01", LocalDate.of(1990, 1, 1).plusDays(9_999).toString());
    assertEquals(10_000, days.size());
    BackfillPlan plan = BackfillPlan.of(days, 100);
    assertEquals(100, plan.batches().size());
    assertEquals(10_000, plan.batches().stream().mapToInt(BackfillPlan.Batch::count).sum());
    assertEquals(days.get(99), plan.batches().get(0).to());
    assertEquals(days.get(100), plan.batches().get(1).from());
    DpException none = assertThrows(DpException.class, () -> BackfillPlan.of(days, 0));
    assertEquals("Cannot plan backfill: max runs must be at least 1 (0)", none.getMessage());
  }
}

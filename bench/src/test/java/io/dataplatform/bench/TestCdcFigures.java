package io.dataplatform.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestCdcFigures {
  private static final long SECOND = 1_000_000_000L;
  private static final CdcSource.Checksum SUM = new CdcSource.Checksum("10", "55", "7", "abc");

  @Test
  void nearestRankPercentiles() {
    double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertEquals(5, CdcFigures.percentile(sorted, 50));
    assertEquals(10, CdcFigures.percentile(sorted, 95));
    assertEquals(10, CdcFigures.percentile(sorted, 100));
    assertEquals(1, CdcFigures.percentile(sorted, 0));
    assertTrue(Double.isNaN(CdcFigures.percentile(new double[0], 50)));
  }

  @Test
  void delaysOfTheBatchesSeenSorted() {
    CdcFigures figures =
        figures(
            new long[] {0, 10 * SECOND, 11 * SECOND, 12 * SECOND},
            new long[] {0, 13 * SECOND, 13 * SECOND, 0},
            SUM);
    assertEquals(3, figures.batches());
    assertEquals(2, figures.batchesSeen());
    assertArrayEquals(new double[] {2.0, 3.0}, figures.delays(), 1e-9);
  }

  @Test
  void reportsRateDelayAndVerdicts() {
    CdcFigures figures =
        figures(
            new long[] {0, 10 * SECOND, 11 * SECOND},
            new long[] {0, 11 * SECOND, 15 * SECOND},
            SUM);
    List<String> report = figures.report(options(2, "--rate", "1000"));
    String text = String.join("\n", report);
    assertTrue(text.contains("paced at 1,000 changes/s, after 4 warm-up rounds of 2,000"), text);
    String oneRound =
        String.join("\n", figures.report(options(2, "--rate", "1000", "--warm-up-rounds", "1")));
    assertTrue(oneRound.contains("after a warm-up round of 2,000 updates"), oneRound);
    // 2 batches of 1,000 rows from the first commit (10 s) to the last visible (15 s)
    assertTrue(
        text.contains("400 changes/s (first source commit to last batch visible: 5.0 s)"), text);
    assertTrue(text.contains("target 20,000/s: NOT met"), text);
    assertTrue(text.contains("p50 1.00 s, p95 4.00 s, max 4.00 s over 2 batches"), text);
    assertTrue(text.contains("target p95 <= 3.0 s: NOT met"), text);
    assertTrue(text.contains("rows and checksum: AGREE"), text);
    assertTrue(text.contains("source transaction): 1 of 2"), text);
    // 7.5 CPU seconds over 2,000 changes
    assertTrue(text.contains("platform CPU        7.5 s from the first update"), text);
    assertTrue(text.contains("(3750 µs a change"), text);
  }

  @Test
  void summarisesAWarmUpRoundInOneLine() {
    CdcFigures figures =
        figures(
            new long[] {0, 10 * SECOND, 11 * SECOND},
            new long[] {0, 11 * SECOND, 14 * SECOND},
            SUM);
    assertEquals(
        List.of(
            "warm-up round: 2,000 updates, sustained 500 changes/s, commit -> visible p50 1.00 s,"
                + " p95 3.00 s, max 3.00 s (2 of 2 batches seen); platform CPU 7.5 s; rows and"
                + " checksum: AGREE"),
        figures.summary("warm-up round", 1000));
  }

  @Test
  void reportsMissingBatchesAndDifferingChecksums() {
    CdcFigures figures =
        figures(
            new long[] {0, 10 * SECOND, 11 * SECOND},
            new long[] {0, 10 * SECOND + SECOND / 2, 0},
            new CdcSource.Checksum("10", "54", "7", "abd"));
    String text = String.join("\n", figures.report(options(2)));
    assertTrue(text.contains("lake showed only 1 of 2 batches"), text);
    assertTrue(Double.isNaN(figures.sustainedRate(1000)));
    assertTrue(text.contains("p95 0.50 s"), text);
    assertTrue(text.contains("target p95 <= 3.0 s: met"), text);
    assertTrue(text.contains("rows and checksum: DIFFER"), text);
  }

  @Test
  void refusesMoreUpdatesThanRows() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> CdcBench.Options.parse(new String[] {"--rows", "1000", "--updates", "2000"}));
    assertEquals(
        "Cannot run the CDC bench: --updates and --warm-up-updates must not exceed --rows (2000,"
            + " 1000)",
        error.getMessage());
  }

  @Test
  void parsesOptionsWithDefaults() {
    CdcBench.Options defaults = CdcBench.Options.parse(new String[0]);
    assertEquals(100_000, defaults.rows());
    assertEquals(100_000, defaults.updates());
    assertEquals(100, defaults.batches());
    assertEquals(100_000, defaults.warmUpUpdates());
    assertEquals(4, defaults.warmUpRounds());
    assertEquals(Duration.ofMillis(100), defaults.pollInterval());
    assertEquals(Path.of("data/cdc"), defaults.work());
    assertEquals("", defaults.commitInterval());
    CdcBench.Options chosen =
        CdcBench.Options.parse(
            new String[] {
              "--rows",
              "5000",
              "--updates",
              "2000",
              "--batch-rows",
              "250",
              "--rate",
              "5000",
              "--poll-ms",
              "50",
              "--commit-interval",
              "500ms",
              "--catch-up-timeout",
              "30",
              "--warm-up-updates",
              "0"
            });
    assertEquals(0, chosen.warmUpBatches());
    assertEquals(8, chosen.batches());
    assertEquals(5000, chosen.rate());
    assertEquals(Duration.ofSeconds(30), chosen.catchUpTimeout());
    assertEquals("500ms", chosen.commitInterval());
  }

  @Test
  void refusesUpdatesThatAreNotWholeBatches() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CdcBench.Options.parse(new String[] {"--updates", "1500", "--batch-rows", "1000"}));
    assertEquals(
        "Cannot run the CDC bench: --updates must be a positive multiple of --batch-rows (1500,"
            + " 1000)",
        error.getMessage());
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class, () -> CdcBench.Options.parse(new String[] {"--fast"}));
    assertEquals("Cannot read argument --fast", unknown.getMessage());
    IllegalArgumentException warmUp =
        assertThrows(
            IllegalArgumentException.class,
            () -> CdcBench.Options.parse(new String[] {"--warm-up-updates", "500"}));
    assertEquals(
        "Cannot run the CDC bench: --warm-up-updates must be a multiple of --batch-rows (500,"
            + " 1000)",
        warmUp.getMessage());
  }

  private static CdcBench.Options options(int batches, String... extra) {
    String[] arguments = new String[4 + extra.length];
    arguments[0] = "--updates";
    arguments[1] = Integer.toString(batches * 1000);
    arguments[2] = "--rows";
    arguments[3] = "100000";
    System.arraycopy(extra, 0, arguments, 4, extra.length);
    return CdcBench.Options.parse(arguments);
  }

  private static CdcFigures figures(long[] commits, long[] visible, CdcSource.Checksum lake) {
    return new CdcFigures(
        commits[1] - SECOND,
        commits,
        visible,
        new long[] {40_000_000L, 60_000_000L},
        1,
        List.of(),
        SUM,
        lake,
        List.of("sync-1"),
        new ObjectMapper().createObjectNode().put("status", "SUCCEEDED"),
        Duration.ofMillis(7_500));
  }
}

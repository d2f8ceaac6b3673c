package io.dataplatform.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestIngestOptions {
  @Test
  void defaultsToFiveMillionRowsTwoCopiesAndTheJvmsHeap() {
    IngestBench.Options options = IngestBench.Options.parse(new String[0]);
    assertEquals(5_000_000, options.rows());
    assertEquals(2, options.copyRuns());
    assertEquals(0, options.pipelineRuns());
    assertEquals(0, options.pairs());
    assertEquals(Path.of("data/ingest"), options.work());
    assertFalse(options.reuseTable());
    assertSame(PlatformProcess.Launch.DEFAULT, options.launch());
  }

  @Test
  void serverHeapBecomesAnXmxOption() {
    IngestBench.Options options =
        IngestBench.Options.parse(
            new String[] {
              "--rows",
              "14500000",
              "--server-xmx",
              "512m",
              "--copy-runs",
              "1",
              "--reuse-table",
              "--pipeline-runs",
              "2",
              "--pairs",
              "5"
            });
    assertEquals(5, options.pairs());
    assertEquals(2, options.pipelineRuns());
    assertEquals(14_500_000, options.rows());
    assertEquals(1, options.copyRuns());
    assertTrue(options.reuseTable());
    assertEquals(List.of("-Xmx512m"), options.launch().javaOptions());
    assertEquals(Map.of(), options.launch().environment());
  }

  @Test
  void refusesNoCopyRun() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> IngestBench.Options.parse(new String[] {"--copy-runs", "0"}));
    assertEquals(
        "Cannot run the ingestion bench: --copy-runs must be at least 1 (0)", error.getMessage());
    IllegalArgumentException pipeline =
        assertThrows(
            IllegalArgumentException.class,
            () -> IngestBench.Options.parse(new String[] {"--pipeline-runs", "-1"}));
    assertEquals(
        "Cannot run the ingestion bench: --pipeline-runs must not be negative (-1)",
        pipeline.getMessage());
    IllegalArgumentException pairs =
        assertThrows(
            IllegalArgumentException.class,
            () -> IngestBench.Options.parse(new String[] {"--pairs", "-2"}));
    assertEquals(
        "Cannot run the ingestion bench: --pairs must not be negative (-2)", pairs.getMessage());
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertEquals(0.6, QueryRunner.median(new double[] {0.7, 0.5, 0.6}), 1e-9);
    assertEquals(0.55, QueryRunner.median(new double[] {0.7, 0.5, 0.6, 0.4}), 1e-9);
  }
}

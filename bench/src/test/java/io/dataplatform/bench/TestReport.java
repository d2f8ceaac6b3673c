package io.dataplatform.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestReport {
  private static final List<TpchQuery> QUERIES = TpchQuery.load(List.of(1, 6, 14));

  private static QueryResult result(int index, long value, double millis) {
    List<List<Object>> rows = List.of(List.of("A", value));
    return QueryResult.success(QUERIES.get(index), Answer.of(rows), millis);
  }

  private static String print(Report report, Optional<PlatformFigures> figures) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), figures);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsRatiosTheirGeometricMeanVerdictsAndFigures() {
    Map<Integer, QueryResult> platform =
        Map.of(
            1, result(0, 7, 20),
            6, result(1, 8, 5),
            14, QueryResult.failure(QUERIES.get(2), "SQLException: no such table"));
    Map<Integer, QueryResult> duckDb =
        Map.of(1, result(0, 7, 10), 6, result(1, 9, 10), 14, result(2, 1, 10));
    Report report = new Report(QUERIES, "platform", platform, duckDb, Optional.empty());
    String text =
        print(
            report,
            Optional.of(new PlatformFigures(3200, 200L << 20, 300L << 20, 6100, 30.5, 12.5, 143)));
    assertTrue(text.contains("Q01           20.0         10.0     2.00  MATCH"), text);
    assertTrue(text.contains("Q06            5.0         10.0     0.50  DIFF"), text);
    assertTrue(text.contains("Q14              -         10.0        -  FAILED"), text);
    assertTrue(text.contains("geometric mean platform/duckdb: 1.00 over 2 queries"), text);
    assertTrue(
        text.contains("answers of platform against duckdb: 1 MATCH, 1 DIFF, 1 FAILED"), text);
    assertTrue(text.contains("Q06 platform DIFF: row 1 [A, 9.00] vs [A, 8.00]"), text);
    assertTrue(text.contains("Q14 platform FAILED: SQLException: no such table"), text);
    assertTrue(text.contains("platform RSS idle: 200 MB"), text);
    assertTrue(
        text.contains("platform round trip of SELECT 1: 30.5 ms before the warm-up, 12.5 ms after"),
        text);
    assertEquals(
        text,
        print(
            report,
            Optional.of(new PlatformFigures(3200, 200L << 20, 300L << 20, 6100, 30.5, 12.5, 143))));
  }

  @Test
  void comparesSparkWithThePlatform() {
    Map<Integer, QueryResult> platform = Map.of(1, result(0, 7, 20));
    Map<Integer, QueryResult> duckDb = Map.of(1, result(0, 7, 10));
    Map<Integer, QueryResult> spark = Map.of(1, result(0, 7, 80));
    String text =
        print(
            new Report(QUERIES.subList(0, 1), "platform", platform, duckDb, Optional.of(spark)),
            Optional.empty());
    assertTrue(text.contains("80.0           4.00  MATCH"), text);
    assertTrue(text.contains("geometric mean spark/platform: 4.00 over 1 queries"), text);
    assertTrue(text.contains("answers of spark against duckdb: 1 MATCH, 0 DIFF, 0 FAILED"), text);
  }
}

package io.dataplatform.bench;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prints the comparison table: per query the time of the measured engine, of the DuckDB baseline
 * and their ratio, whether the answers match, optionally the same against Spark; then geometric
 * means and the platform's figures.
 */
final class Report {
  private final List<TpchQuery> queries;
  private final String subjectName;
  private final Map<Integer, QueryResult> subject;
  private final Map<Integer, QueryResult> baseline;
  private final Optional<Map<Integer, QueryResult>> spark;
  private final List<String> notes = new ArrayList<>();

  Report(
      List<TpchQuery> queries,
      String subjectName,
      Map<Integer, QueryResult> subject,
      Map<Integer, QueryResult> baseline,
      Optional<Map<Integer, QueryResult>> spark) {
    this.queries = List.copyOf(queries);
    this.subjectName = requireNonNull(subjectName, "subjectName");
    this.subject = Map.copyOf(subject);
    this.baseline = Map.copyOf(baseline);
    this.spark = requireNonNull(spark, "spark").map(Map::copyOf);
  }

  void print(PrintStream out, Optional<PlatformFigures> figures) {
    out.println();
    String header =
        String.format(
            "%-5s %12s %12s %8s  %-14s",
            "query", subjectName + " ms", "duckdb ms", "ratio", "answer");
    if (spark.isPresent()) {
      header +=
          String.format(" %12s %14s  %-14s", "spark ms", "spark/" + subjectName, "spark answer");
    }
    out.println(header);
    List<Double> ratios = new ArrayList<>();
    List<Double> sparkRatios = new ArrayList<>();
    int[] verdicts = new int[3];
    int[] sparkVerdicts = new int[3];
    notes.clear();
    for (TpchQuery query : queries) {
      QueryResult measured = subject.get(query.number());
      QueryResult reference = baseline.get(query.number());
      String verdict = verdict(query, measured, reference, subjectName);
      count(verdicts, verdict);
      StringBuilder line =
          new StringBuilder(
              String.format(
                  "%-5s %12s %12s %8s  %-14s",
                  query.label(),
                  millis(measured),
                  millis(reference),
                  ratio(measured, reference, ratios),
                  shortVerdict(verdict)));
      spark.ifPresent(
          results -> {
            QueryResult sparkResult = results.get(query.number());
            String sparkVerdict = verdict(query, sparkResult, reference, "spark");
            count(sparkVerdicts, sparkVerdict);
            line.append(
                String.format(
                    " %12s %14s  %-14s",
                    millis(sparkResult),
                    ratio(sparkResult, measured, sparkRatios),
                    shortVerdict(sparkVerdict)));
          });
      out.println(line);
    }
    printSummary(out, ratios, sparkRatios, verdicts, sparkVerdicts);
    figures.ifPresent(value -> printFigures(out, value));
    if (!notes.isEmpty()) {
      out.println();
      notes.forEach(out::println);
    }
  }

  private void printSummary(
      PrintStream out,
      List<Double> ratios,
      List<Double> sparkRatios,
      int[] verdicts,
      int[] sparkVerdicts) {
    out.printf(
        "%ngeometric mean %s/duckdb: %s over %d queries%n",
        subjectName, geometricMean(ratios), ratios.size());
    if (spark.isPresent()) {
      out.printf(
          "geometric mean spark/%s: %s over %d queries%n",
          subjectName, geometricMean(sparkRatios), sparkRatios.size());
    }
    out.printf(
        "answers of %s against duckdb: %d MATCH, %d DIFF, %d FAILED%n",
        subjectName, verdicts[0], verdicts[1], verdicts[2]);
    if (spark.isPresent()) {
      out.printf(
          "answers of spark against duckdb: %d MATCH, %d DIFF, %d FAILED%n",
          sparkVerdicts[0], sparkVerdicts[1], sparkVerdicts[2]);
    }
  }

  private static void printFigures(PrintStream out, PlatformFigures figures) {
    out.printf("platform startup to healthy: %.0f ms%n", figures.startupMillis());
    out.printf("platform RSS idle: %s%n", megabytes(figures.residentIdleBytes()));
    out.printf("platform RSS after the run: %s%n", megabytes(figures.residentAfterBytes()));
    out.printf("platform load of 8 tables: %.0f ms%n", figures.loadMillis());
    out.printf(
        "platform round trip of SELECT 1: %.1f ms before the warm-up, %.1f ms after%n",
        figures.coldRoundTripMillis(), figures.roundTripMillis());
    out.printf("platform exit code after SIGTERM: %d%n", figures.exitCode());
  }

  private String verdict(
      TpchQuery query, QueryResult measured, QueryResult reference, String engine) {
    if (measured == null || reference == null) {
      return "SKIPPED";
    }
    if (!reference.succeeded() && engine.equals(subjectName)) {
      notes.add(query.label() + " duckdb FAILED: " + clip(reference.error()));
    }
    if (!measured.succeeded()) {
      notes.add(query.label() + " " + engine + " FAILED: " + clip(measured.error()));
      return "FAILED";
    }
    if (!reference.succeeded()) {
      return "FAILED";
    }
    String verdict = reference.answer().orElseThrow().compareWith(measured.answer().orElseThrow());
    if (verdict.startsWith("DIFF")) {
      notes.add(query.label() + " " + engine + " " + clip(verdict));
    }
    return verdict;
  }

  private static String shortVerdict(String verdict) {
    return verdict.startsWith("DIFF") ? "DIFF" : verdict;
  }

  private static void count(int[] verdicts, String verdict) {
    if (verdict.startsWith("MATCH")) {
      verdicts[0]++;
    } else if (verdict.startsWith("DIFF")) {
      verdicts[1]++;
    } else {
      verdicts[2]++;
    }
  }

  private static String millis(QueryResult result) {
    return result != null && result.succeeded()
        ? String.format("%.1f", result.medianMillis())
        : "-";
  }

  private static String ratio(QueryResult numerator, QueryResult denominator, List<Double> ratios) {
    if (numerator == null
        || denominator == null
        || !numerator.succeeded()
        || !denominator.succeeded()
        || denominator.medianMillis() <= 0) {
      return "-";
    }
    double ratio = numerator.medianMillis() / denominator.medianMillis();
    ratios.add(ratio);
    return String.format("%.2f", ratio);
  }

  static String geometricMean(List<Double> ratios) {
    if (ratios.isEmpty()) {
      return "-";
    }
    double logSum = 0;
    for (double ratio : ratios) {
      logSum += Math.log(ratio);
    }
    return String.format("%.2f", Math.exp(logSum / ratios.size()));
  }

  private static String megabytes(long bytes) {
    return String.format("%.0f MB", bytes / (1024.0 * 1024.0));
  }

  private static String clip(String text) {
    return text.length() <= 400 ? text : text.substring(0, 400) + "...";
  }
}

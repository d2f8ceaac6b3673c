package io.dataplatform.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs each query once to warm up (keeping that answer), then {@code runs} times for timing. A
 * query that runs longer than the timeout is abandoned and reported as failed, so one slow query
 * cannot stall the whole benchmark.
 */
final class QueryRunner {
  private final int runs;
  private final double scale;
  private final Duration timeout;
  private ExecutorService executor = newExecutor();

  QueryRunner(int runs, double scale, Duration timeout) {
    if (runs < 1) {
      throw new IllegalArgumentException(
          "Cannot time queries: runs must be positive (" + runs + ")");
    }
    this.runs = runs;
    this.scale = scale;
    this.timeout = timeout;
  }

  private static ExecutorService newExecutor() {
    return Executors.newSingleThreadExecutor(
        task -> {
          Thread thread = new Thread(task, "bench-query");
          thread.setDaemon(true);
          return thread;
        });
  }

  Map<Integer, QueryResult> runAll(QueryEngine engine, List<TpchQuery> queries) {
    Map<Integer, QueryResult> results = new LinkedHashMap<>();
    for (TpchQuery query : queries) {
      QueryResult result = run(engine, query);
      results.put(query.number(), result);
      System.out.printf(
          "  %-8s %s %s%n",
          engine.name(),
          query.label(),
          result.succeeded()
              ? String.format(
                  "%.1f ms, %d rows",
                  result.medianMillis(), result.answer().orElseThrow().rows().size())
              : "FAILED " + result.error());
    }
    return results;
  }

  /** The results of two engines timed side by side. */
  record Paired(Map<Integer, QueryResult> measured, Map<Integer, QueryResult> baseline) {}

  /**
   * Times two engines query by query, alternating their runs (baseline first on even runs, measured
   * first on odd ones), so a change in the machine's load during the benchmark weighs on both sides
   * of each ratio alike.
   */
  Paired runPaired(QueryEngine measured, QueryEngine baseline, List<TpchQuery> queries) {
    Map<Integer, QueryResult> measuredResults = new LinkedHashMap<>();
    Map<Integer, QueryResult> baselineResults = new LinkedHashMap<>();
    for (TpchQuery query : queries) {
      Timing measuredTiming = new Timing(measured, query);
      Timing baselineTiming = new Timing(baseline, query);
      for (int i = 0; i < runs; i++) {
        if (i % 2 == 0) {
          baselineTiming.time(i);
          measuredTiming.time(i);
        } else {
          measuredTiming.time(i);
          baselineTiming.time(i);
        }
      }
      measuredResults.put(query.number(), measuredTiming.result());
      baselineResults.put(query.number(), baselineTiming.result());
      System.out.printf(
          "  %s  %s %s  %s %s%n",
          query.label(),
          baseline.name(),
          baselineTiming.summary(),
          measured.name(),
          measuredTiming.summary());
    }
    return new Paired(measuredResults, baselineResults);
  }

  /** One engine's warm-up answer and timed runs of one query. */
  private final class Timing {
    private final QueryEngine engine;
    private final TpchQuery query;
    private final String sql;
    private final double[] millis = new double[runs];
    private Answer answer;
    private String error = "";

    Timing(QueryEngine engine, TpchQuery query) {
      this.engine = engine;
      this.query = query;
      this.sql = query.sql(engine.tpchSchema(), scale);
      try {
        answer = Answer.of(execute(engine, sql));
      } catch (Exception e) {
        fail(e);
      }
    }

    void time(int run) {
      if (!error.isEmpty()) {
        return;
      }
      try {
        long started = System.nanoTime();
        execute(engine, sql);
        millis[run] = (System.nanoTime() - started) / 1e6;
      } catch (Exception e) {
        fail(e);
      }
    }

    private void fail(Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        error = "interrupted";
      } else if (e instanceof TimeoutException) {
        error = "timed out after " + timeout.toSeconds() + " s";
      } else {
        error = message(e instanceof ExecutionException ? e.getCause() : e);
      }
    }

    QueryResult result() {
      return error.isEmpty()
          ? QueryResult.success(query, answer, median(millis))
          : QueryResult.failure(query, error);
    }

    String summary() {
      return error.isEmpty()
          ? String.format("%.1f ms, %d rows", median(millis), answer.rows().size())
          : "FAILED " + error;
    }
  }

  QueryResult run(QueryEngine engine, TpchQuery query) {
    String sql = query.sql(engine.tpchSchema(), scale);
    try {
      Answer answer = Answer.of(execute(engine, sql));
      double[] millis = new double[runs];
      for (int i = 0; i < runs; i++) {
        long started = System.nanoTime();
        execute(engine, sql);
        millis[i] = (System.nanoTime() - started) / 1e6;
      }
      return QueryResult.success(query, answer, median(millis));
    } catch (TimeoutException e) {
      return QueryResult.failure(query, "timed out after " + timeout.toSeconds() + " s");
    } catch (ExecutionException e) {
      return QueryResult.failure(query, message(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return QueryResult.failure(query, "interrupted");
    }
  }

  private List<List<Object>> execute(QueryEngine engine, String sql)
      throws InterruptedException, ExecutionException, TimeoutException {
    Future<List<List<Object>>> rows = executor.submit(() -> engine.execute(sql));
    try {
      return rows.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      rows.cancel(true);
      // the abandoned query may still occupy the old thread
      executor.shutdownNow();
      executor = newExecutor();
      throw e;
    }
  }

  /** The median time of {@code sql} after one warm-up, in milliseconds. */
  double time(QueryEngine engine, String sql) throws Exception {
    engine.execute(sql);
    double[] millis = new double[runs];
    for (int i = 0; i < runs; i++) {
      long started = System.nanoTime();
      engine.execute(sql);
      millis[i] = (System.nanoTime() - started) / 1e6;
    }
    return median(millis);
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /** The messages of an exception and its causes, on one line. */
  static String message(Throwable error) {
    List<String> parts = new ArrayList<>();
    for (Throwable cause = error; cause != null && parts.size() < 4; cause = cause.getCause()) {
      String own = String.valueOf(cause.getMessage());
      String text = cause.getClass().getSimpleName() + ": " + own;
      if (parts.stream().noneMatch(part -> part.contains(own))) {
        parts.add(text);
      }
    }
    return String.join(" <- ", parts).replace('\n', ' ');
  }
}

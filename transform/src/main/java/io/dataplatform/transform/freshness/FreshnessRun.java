package io.dataplatform.transform.freshness;

import static java.util.Objects.requireNonNull;

import io.dataplatform.transform.compile.Manifest;
import io.dataplatform.transform.execute.Command;
import io.dataplatform.transform.execute.ConsoleOutput;
import io.dataplatform.transform.execute.NodeResult;
import io.dataplatform.transform.execute.NodeStatus;
import io.dataplatform.transform.execute.RunOptions;
import io.dataplatform.transform.execute.RunReport;
import io.dataplatform.transform.graph.Selection;
import io.dataplatform.transform.jinja.SqlRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code source freshness} command: the checks, their run report (a stale table and a failed
 * check are both errors, so the command exits 1), and {@code sources.json}.
 */
public record FreshnessRun(
    List<SourceFreshnessResult> results, Instant startedAt, Instant completedAt) {
  public FreshnessRun {
    results = List.copyOf(results);
    requireNonNull(startedAt, "startedAt");
    requireNonNull(completedAt, "completedAt");
  }

  /** Checks the sources {@code options} select (sources only; the default selector applies). */
  public static FreshnessRun run(
      Manifest manifest, RunOptions options, SqlRunner runner, ConsoleOutput console, Clock clock) {
    Instant started = clock.instant();
    Selection selection =
        Selection.resolve(manifest, options.select(), options.exclude(), options.selector());
    List<SourceFreshnessResult> results =
        new FreshnessChecker(runner, console, clock).check(manifest, selection);
    return new FreshnessRun(results, started, clock.instant());
  }

  /** The results as node results, for the run history and the command's exit code. */
  public RunReport report() {
    List<NodeResult> nodes = new ArrayList<>();
    for (SourceFreshnessResult result : results) {
      NodeStatus status =
          switch (result.status()) {
            case PASS -> NodeStatus.PASS;
            case WARN -> NodeStatus.WARN;
            case ERROR, RUNTIME_ERROR -> NodeStatus.ERROR;
          };
      String message =
          result
              .error()
              .orElseGet(
                  () ->
                      FreshnessChecker.statusText(result)
                          + ": newest row "
                          + result.maxLoadedAt().orElseThrow()
                          + ", "
                          + Math.round(result.ageSeconds())
                          + " s old");
      nodes.add(
          new NodeResult(
              result.uniqueId(),
              status,
              message,
              0,
              result.sql(),
              "",
              result.startedAt(),
              result.completedAt(),
              result.thread()));
    }
    return new RunReport(Command.SOURCE_FRESHNESS, nodes, startedAt, completedAt);
  }

  /** Writes {@code sources.json} into {@code target}; returns its path. */
  public Path writeSources(Path target, String invocationId) {
    return SourcesWriter.write(target, results, startedAt, completedAt, invocationId);
  }
}

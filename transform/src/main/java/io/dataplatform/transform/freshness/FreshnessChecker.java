package io.dataplatform.transform.freshness;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.transform.compile.Manifest;
import io.dataplatform.transform.execute.ConsoleOutput;
import io.dataplatform.transform.graph.Selection;
import io.dataplatform.transform.jinja.QueryTable;
import io.dataplatform.transform.jinja.SqlRunner;
import io.dataplatform.transform.project.SourceTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * dbt's {@code source freshness}: for every selected source table with a {@code freshness}
 * threshold and a {@code loaded_at_field}, reads {@code max(loaded_at_field)} (rows matching the
 * {@code filter} only) and compares its age with {@code warn_after} and {@code error_after}.
 */
public final class FreshnessChecker {
  private static final String THREAD = "Thread-1";
  private final SqlRunner runner;
  private final ConsoleOutput console;
  private final Clock clock;

  public FreshnessChecker(SqlRunner runner, ConsoleOutput console, Clock clock) {
    this.runner = requireNonNull(runner, "runner");
    this.console = requireNonNull(console, "console");
    this.clock = requireNonNull(clock, "clock");
  }

  /** The source tables a freshness check covers, in project order. */
  public static List<SourceTable> checked(Manifest manifest, Selection selection) {
    List<SourceTable> tables = new ArrayList<>();
    for (SourceTable table : manifest.project().sources().values()) {
      if (selection.contains(table.uniqueId())
          && table.loadedAtField().isPresent()
          && criteria(table).isSet()) {
        tables.add(table);
      }
    }
    return tables;
  }

  /** Checks every table {@link #checked} returns, printing one line per table and a summary. */
  public List<SourceFreshnessResult> check(Manifest manifest, Selection selection) {
    Instant started = clock.instant();
    List<SourceTable> tables = checked(manifest, selection);
    List<SourceFreshnessResult> results = new ArrayList<>();
    if (tables.isEmpty()) {
      console.line(
          "Nothing to do: no selected source table has a freshness threshold and a"
              + " loaded_at_field");
      return results;
    }
    console.line("Running with dp transform: " + tables.size() + " sources");
    for (SourceTable table : tables) {
      SourceFreshnessResult result = check(table);
      results.add(result);
      console.progress(
          results.size(), tables.size(), label(result), statusText(result), result.seconds());
      result.error().ifPresent(error -> console.line("  " + error));
    }
    summary(results, Duration.between(started, clock.instant()));
    return results;
  }

  private static FreshnessCriteria criteria(SourceTable table) {
    return FreshnessCriteria.of(table.freshness(), table.sourceName() + "." + table.name());
  }

  /** The query for one table: the newest loaded_at value as text, of the filtered rows. */
  public static String query(SourceTable table) {
    String sql =
        "select cast(max("
            + table.loadedAtField().orElseThrow()
            + ") as varchar) as max_loaded_at from "
            + table.schema()
            + "."
            + table.identifier();
    Optional<String> filter = criteria(table).filter();
    return filter.isPresent() ? sql + " where " + filter.get() : sql;
  }

  private SourceFreshnessResult check(SourceTable table) {
    FreshnessCriteria criteria = criteria(table);
    String sql = query(table);
    Instant started = clock.instant();
    Optional<Instant> maxLoadedAt = Optional.empty();
    Optional<String> error = Optional.empty();
    try {
      QueryTable rows = runner.query(sql);
      Object value = rows.getRows().isEmpty() ? null : rows.getRows().get(0).get(0);
      if (value == null) {
        error =
            Optional.of(
                "Cannot check freshness of source "
                    + table.sourceName()
                    + "."
                    + table.name()
                    + ": max("
                    + table.loadedAtField().orElseThrow()
                    + ") is null, no row has a value ("
                    + table.schema()
                    + "."
                    + table.identifier()
                    + ")");
      } else {
        maxLoadedAt = LoadedAtValues.parse(value.toString());
        if (maxLoadedAt.isEmpty()) {
          error =
              Optional.of(
                  "Cannot check freshness of source "
                      + table.sourceName()
                      + "."
                      + table.name()
                      + ": loaded_at_field "
                      + table.loadedAtField().orElseThrow()
                      + " is not a timestamp ("
                      + value
                      + ")");
        }
      }
    } catch (DpException e) {
      error =
          Optional.of(
              "Cannot check freshness of source "
                  + table.sourceName()
                  + "."
                  + table.name()
                  + ": "
                  + e.getMessage());
    }
    Instant snapshottedAt = clock.instant();
    double age =
        maxLoadedAt
            .map(at -> Duration.between(at, snapshottedAt).toNanos() / 1_000_000_000.0)
            .orElse(0.0);
    FreshnessStatus status =
        error.isPresent() ? FreshnessStatus.RUNTIME_ERROR : criteria.status(age);
    return new SourceFreshnessResult(
        table.uniqueId(),
        table.sourceName(),
        table.name(),
        status,
        maxLoadedAt,
        snapshottedAt,
        age,
        criteria,
        error,
        sql,
        started,
        clock.instant(),
        THREAD);
  }

  private static String label(SourceFreshnessResult result) {
    String name = result.sourceName() + "." + result.tableName();
    return statusText(result) + " freshness of " + name;
  }

  /** dbt's words: PASS, WARN, ERROR STALE for a stale table, ERROR for a failed check. */
  static String statusText(SourceFreshnessResult result) {
    return switch (result.status()) {
      case PASS -> "PASS";
      case WARN -> "WARN";
      case ERROR -> "ERROR STALE";
      case RUNTIME_ERROR -> "ERROR";
    };
  }

  private void summary(List<SourceFreshnessResult> results, Duration elapsed) {
    long pass = count(results, FreshnessStatus.PASS);
    long warn = count(results, FreshnessStatus.WARN);
    long error =
        count(results, FreshnessStatus.ERROR) + count(results, FreshnessStatus.RUNTIME_ERROR);
    console.line("");
    console.line(
        "Finished running "
            + results.size()
            + " sources in "
            + String.format(Locale.ROOT, "%.2f", elapsed.toMillis() / 1000.0)
            + " seconds.");
    console.line(error > 0 ? "Completed with errors" : "Completed successfully");
    console.line(
        "Done. PASS="
            + pass
            + " WARN="
            + warn
            + " ERROR="
            + error
            + " SKIP=0 TOTAL="
            + results.size());
  }

  private static long count(List<SourceFreshnessResult> results, FreshnessStatus status) {
    return results.stream().filter(r -> r.status() == status).count();
  }
}

package io.dataplatform.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one CDC run measured: per batch (index 1 on) its source commit and when the lake first
 * showed it ({@link System#nanoTime()}, 0 when never), the poller's round trips, both checksums and
 * the syncs that ran, and the CPU time the platform used from the first update to the last batch
 * visible. A batch counts as visible once all its rows are.
 */
record CdcFigures(
    long applyStarted,
    long[] commits,
    long[] visible,
    long[] pollRoundTrips,
    int partialAnswers,
    List<String> pollErrors,
    CdcSource.Checksum source,
    CdcSource.Checksum lake,
    List<String> syncs,
    JsonNode lastSync,
    Duration platformCpu) {
  static final double TARGET_RATE = 20_000;
  static final double TARGET_P95_SECONDS = 3.0;

  CdcFigures {
    requireNonNull(commits, "commits");
    requireNonNull(visible, "visible");
    requireNonNull(pollRoundTrips, "pollRoundTrips");
    pollErrors = List.copyOf(pollErrors);
    requireNonNull(source, "source");
    requireNonNull(lake, "lake");
    syncs = List.copyOf(syncs);
    requireNonNull(lastSync, "lastSync");
    requireNonNull(platformCpu, "platformCpu");
  }

  int batches() {
    return commits.length - 1;
  }

  int batchesSeen() {
    int seen = 0;
    for (int batch = 1; batch <= batches(); batch++) {
      if (visible[batch] != 0) {
        seen++;
      }
    }
    return seen;
  }

  /** Seconds from each seen batch's commit to its visibility, sorted. */
  double[] delays() {
    List<Double> delays = new ArrayList<>();
    for (int batch = 1; batch <= batches(); batch++) {
      if (visible[batch] != 0) {
        delays.add((visible[batch] - commits[batch]) / 1e9);
      }
    }
    double[] sorted = delays.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted;
  }

  /** Changes per second from the first source commit to the last batch visible (NaN if unseen). */
  double sustainedRate(int batchRows) {
    if (batchesSeen() < batches()) {
      return Double.NaN;
    }
    return (double) batches() * batchRows / ((visible[batches()] - commits[1]) / 1e9);
  }

  /** The round in one line: rate, delays, checksums. */
  List<String> summary(String round, int batchRows) {
    double[] delays = delays();
    return List.of(
        String.format(
            "%s: %,d updates, sustained %,.0f changes/s, commit -> visible p50 %.2f s, p95 %.2f s,"
                + " max %.2f s (%d of %d batches seen); platform CPU %.1f s; rows and checksum: %s",
            round,
            batches() * batchRows,
            sustainedRate(batchRows),
            percentile(delays, 50),
            percentile(delays, 95),
            percentile(delays, 100),
            batchesSeen(),
            batches(),
            platformCpu.toMillis() / 1e3,
            source.equals(lake) ? "AGREE" : "DIFFER"));
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double percent) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(percent / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  List<String> report(CdcBench.Options options) {
    List<String> lines = new ArrayList<>();
    int batches = batches();
    long firstCommit = commits[1];
    double applySeconds = (commits[batches] - applyStarted) / 1e9;
    lines.add("");
    lines.add(
        String.format(
            "CDC: %,d updates in %,d transactions of %,d rows on a %,d-row table%s, %s",
            options.updates(),
            batches,
            options.batchRows(),
            options.rows(),
            options.rate() > 0
                ? String.format(", paced at %,.0f changes/s", options.rate())
                : ", as fast as the source takes them",
            options.warmUpBatches() == 0
                ? "no warm-up (a freshly started server)"
                : options.warmUpRounds() == 1
                    ? String.format("after a warm-up round of %,d updates", options.warmUpUpdates())
                    : String.format(
                        "after %d warm-up rounds of %,d updates",
                        options.warmUpRounds(), options.warmUpUpdates())));
    lines.add(
        String.format(
            "  commit interval %s, lake polled every %d ms (marker query round trip p50 %.0f ms,"
                + " max %.0f ms, %d queries)",
            options.commitInterval().isEmpty() ? "1s (default)" : options.commitInterval(),
            options.pollInterval().toMillis(),
            percentile(millis(pollRoundTrips), 50),
            percentile(millis(pollRoundTrips), 100),
            pollRoundTrips.length));
    lines.add(
        String.format(
            "source applied      %,8.0f changes/s (%.1f s from the first update to the last commit)",
            options.updates() / applySeconds, applySeconds));
    if (batchesSeen() < batches) {
      lines.add(
          String.format(
              "lake showed only %d of %d batches before the catch-up timeout",
              batchesSeen(), batches));
    } else {
      double sustainedSeconds = (visible[batches] - firstCommit) / 1e9;
      double rate = sustainedRate(options.batchRows());
      lines.add(
          String.format(
              "sustained           %,8.0f changes/s (first source commit to last batch visible:"
                  + " %.1f s); target %,.0f/s: %s",
              rate, sustainedSeconds, TARGET_RATE, rate >= TARGET_RATE ? "met" : "NOT met"));
    }
    double[] delays = delays();
    double p95 = percentile(delays, 95);
    lines.add(
        String.format(
            "commit -> visible   p50 %.2f s, p95 %.2f s, max %.2f s over %d batches; target p95 <="
                + " %.1f s: %s",
            percentile(delays, 50),
            p95,
            percentile(delays, 100),
            delays.length,
            TARGET_P95_SECONDS,
            p95 <= TARGET_P95_SECONDS ? "met" : "NOT met"));
    lines.add(
        String.format(
            "platform CPU        %.1f s from the first update to the last batch visible (%.0f µs a"
                + " change, all its threads: the JIT compilers', the poller's queries' too)",
            platformCpu.toMillis() / 1e3,
            platformCpu.toNanos() / 1e3 / (batches * (double) options.batchRows())));
    lines.add(
        String.format(
            "lake answers showing a batch in part (a commit holding part of a source transaction):"
                + " %d of %d",
            partialAnswers, pollRoundTrips.length));
    lines.add("source  " + source);
    lines.add("lake    " + lake);
    lines.add("rows and checksum: " + (source.equals(lake) ? "AGREE" : "DIFFER"));
    lines.add(
        String.format(
            "syncs during the updates: %s; the last ended %s after %s ms with %s records committed",
            syncs,
            lastSync.path("status").asText(),
            lastSync.path("durationMillis").asText(),
            lastSync.path("recordsCommitted").asText()));
    lines.add("  streams: " + lastSync.path("streams"));
    JsonNode log = lastSync.path("log");
    List<String> logLines = new ArrayList<>();
    log.forEach(line -> logLines.add(line.asText()));
    lines.add("  " + CommitLogSummary.of(logLines).line() + " (the whole sync)");
    for (int i = 0; i < log.size(); i++) {
      if (i < 20 || i >= log.size() - 10) {
        lines.add("  sync log: " + log.get(i).asText());
      } else if (i == 20) {
        lines.add("  sync log: ... " + (log.size() - 30) + " more lines ...");
      }
    }
    if (!pollErrors.isEmpty()) {
      lines.add("poller errors (first " + pollErrors.size() + "): " + pollErrors);
    }
    return lines;
  }

  private static double[] millis(long[] nanos) {
    return Arrays.stream(nanos).mapToDouble(value -> value / 1e6).toArray();
  }
}

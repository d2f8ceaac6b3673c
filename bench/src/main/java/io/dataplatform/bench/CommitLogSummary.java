package io.dataplatform.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commits and compactions of a sync log summed up: how many, their durations, and the mean of
 * each phase the platform names in its {@code Committed …} lines ({@code in 540 ms: latest 31 ms,
 * plan 70 ms, …}).
 */
final class CommitLogSummary {
  private static final Pattern TIMED =
      Pattern.compile("^\\S+ (Committed|Compacted) .* in (\\d+) ms: ([^;]*);");
  private static final Pattern PHASE = Pattern.compile("([a-z][a-z ]*?) (\\d+) ms");

  private final List<Long> commits = new ArrayList<>();
  private final List<Long> compactions = new ArrayList<>();
  private final Map<String, Long> phaseTotals = new LinkedHashMap<>();

  /** Summarises the lines of {@code log}; other lines are ignored. */
  static CommitLogSummary of(Iterable<String> log) {
    CommitLogSummary summary = new CommitLogSummary();
    for (String line : log) {
      Matcher timed = TIMED.matcher(line);
      if (!timed.find()) {
        continue;
      }
      long millis = Long.parseLong(timed.group(2));
      if (timed.group(1).equals("Compacted")) {
        summary.compactions.add(millis);
        continue;
      }
      summary.commits.add(millis);
      Matcher phase = PHASE.matcher(timed.group(3));
      while (phase.find()) {
        summary.phaseTotals.merge(phase.group(1).trim(), Long.parseLong(phase.group(2)), Long::sum);
      }
    }
    return summary;
  }

  /** One line, such as {@code commits 38, mean 540 ms, p90 720 ms, max 900 ms; phase means …}. */
  String line() {
    if (commits.isEmpty()) {
      return "commits in the sync log: none";
    }
    StringBuilder line =
        new StringBuilder("commits in the sync log: ")
            .append(describe(commits))
            .append("; phase means:");
    phaseTotals.forEach(
        (phase, total) ->
            line.append(' ').append(phase).append(' ').append(total / commits.size()).append(','));
    line.setLength(line.length() - 1);
    line.append(" ms; compactions: ")
        .append(compactions.isEmpty() ? "none" : describe(compactions));
    return line.toString();
  }

  private static String describe(List<Long> millis) {
    double[] sorted = millis.stream().mapToDouble(Long::doubleValue).sorted().toArray();
    return String.format(
        "%d, mean %.0f ms, p90 %.0f ms, max %.0f ms",
        sorted.length,
        Arrays.stream(sorted).average().orElse(0),
        CdcFigures.percentile(sorted, 90),
        sorted[sorted.length - 1]);
  }
}

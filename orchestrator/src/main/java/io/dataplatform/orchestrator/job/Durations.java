package io.dataplatform.orchestrator.job;

import io.dataplatform.api.DpException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as written in job YAML: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}. */
public final class Durations {
  private static final Pattern SHORT = Pattern.compile("([0-9]+)\\s*(ms|s|m|h|d)");

  private Durations() {}

  public static Duration parse(String what, String text) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    Matcher matcher = SHORT.matcher(value);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    if (value.startsWith("pt") || value.startsWith("p")) {
      try {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      } catch (java.time.format.DateTimeParseException e) {
        // reported below
      }
    }
    throw DpException.user(
        "Cannot read " + what + ": expected a duration such as 30s, 5m or 2h (" + text + ")");
  }

  /** The short form, e.g. {@code 90s}, as {@link #parse} reads it. */
  public static String format(Duration duration) {
    if (duration.toMillis() % 1000 != 0) {
      return duration.toMillis() + "ms";
    }
    long seconds = duration.toSeconds();
    if (seconds != 0 && seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds != 0 && seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}

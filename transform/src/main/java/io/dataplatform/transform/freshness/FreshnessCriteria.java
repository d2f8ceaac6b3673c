package io.dataplatform.transform.freshness;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.transform.TransformErrorCode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A source table's {@code freshness}: how old its newest row may get before a warning or an error,
 * and the {@code filter} applied to the rows looked at.
 */
public record FreshnessCriteria(
    Optional<Threshold> warnAfter, Optional<Threshold> errorAfter, Optional<String> filter) {
  public FreshnessCriteria {
    requireNonNull(warnAfter, "warnAfter");
    requireNonNull(errorAfter, "errorAfter");
    requireNonNull(filter, "filter");
  }

  /** {@code count} {@code period}s; period is {@code minute}, {@code hour} or {@code day}. */
  public record Threshold(int count, String period) {
    public Threshold {
      requireNonNull(period, "period");
    }

    public long seconds() {
      return switch (period) {
        case "minute" -> 60L * count;
        case "hour" -> 3_600L * count;
        default -> 86_400L * count;
      };
    }

    Map<String, Object> json() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("count", count);
      json.put("period", period);
      return json;
    }
  }

  /** Whether a threshold is set at all: without one, dbt does not check the table. */
  public boolean isSet() {
    return warnAfter.isPresent() || errorAfter.isPresent();
  }

  /** dbt's rule: older than error_after is an error, else older than warn_after a warning. */
  public FreshnessStatus status(double ageSeconds) {
    if (errorAfter.isPresent() && ageSeconds > errorAfter.get().seconds()) {
      return FreshnessStatus.ERROR;
    }
    if (warnAfter.isPresent() && ageSeconds > warnAfter.get().seconds()) {
      return FreshnessStatus.WARN;
    }
    return FreshnessStatus.PASS;
  }

  /** The {@code criteria} object of sources.json. */
  public Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("warn_after", warnAfter.map(Threshold::json).orElseGet(FreshnessCriteria::none));
    json.put("error_after", errorAfter.map(Threshold::json).orElseGet(FreshnessCriteria::none));
    json.put("filter", filter.orElse(null));
    return json;
  }

  private static Map<String, Object> none() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("count", null);
    json.put("period", null);
    return json;
  }

  /** Reads a merged {@code freshness} mapping of the source table {@code where}. */
  public static FreshnessCriteria of(Map<String, Object> freshness, String where) {
    Object filter = freshness.get("filter");
    return new FreshnessCriteria(
        threshold(freshness.get("warn_after"), "warn_after", where),
        threshold(freshness.get("error_after"), "error_after", where),
        filter == null || filter.toString().isBlank()
            ? Optional.empty()
            : Optional.of(filter.toString()));
  }

  private static Optional<Threshold> threshold(Object value, String key, String where) {
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw invalid(key + " must be a mapping with count and period (" + value + ")", where);
    }
    Object count = map.get("count");
    Object period = map.get("period");
    if (count == null && period == null) {
      return Optional.empty();
    }
    if (count == null || period == null) {
      throw invalid(key + " needs both count and period (" + value + ")", where);
    }
    String unit = period.toString().trim().toLowerCase(Locale.ROOT);
    if (!unit.equals("minute") && !unit.equals("hour") && !unit.equals("day")) {
      throw invalid(key + " period must be minute, hour or day (" + period + ")", where);
    }
    try {
      int parsed = Integer.parseInt(count.toString().trim());
      if (parsed < 0) {
        throw new NumberFormatException();
      }
      return Optional.of(new Threshold(parsed, unit));
    } catch (NumberFormatException e) {
      throw invalid(key + " count must be a whole number (" + count + ")", where);
    }
  }

  private static DpException invalid(String reason, String where) {
    return new DpException(
        TransformErrorCode.INVALID_PROJECT,
        "Cannot check freshness of source " + where + ": " + reason);
  }
}

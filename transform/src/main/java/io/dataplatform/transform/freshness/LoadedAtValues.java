package io.dataplatform.transform.freshness;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text of a {@code max(loaded_at_field)} cast to varchar: a timestamp without a zone is
 * UTC (as dbt assumes), one with an offset is converted, a date is its midnight UTC.
 */
final class LoadedAtValues {
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "^(\\d{4}-\\d{2}-\\d{2})(?:[ T](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?))?"
              + "\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)?$");

  private LoadedAtValues() {}

  static Optional<Instant> parse(String text) {
    Matcher matcher = TIMESTAMP.matcher(text.trim());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    LocalDate date = LocalDate.parse(matcher.group(1));
    LocalDateTime local =
        matcher.group(2) == null
            ? date.atStartOfDay()
            : LocalDateTime.parse(matcher.group(1) + "T" + matcher.group(2));
    ZoneOffset offset = ZoneOffset.UTC;
    String zone = matcher.group(3);
    if (zone != null && !zone.equals("Z")) {
      String normalised = zone.length() == 3 ? zone + ":00" : zone;
      if (normalised.length() == 5) {
        normalised = normalised.substring(0, 3) + ":" + normalised.substring(3);
      }
      offset = ZoneOffset.of(normalised);
    }
    return Optional.of(OffsetDateTime.of(local, offset).toInstant());
  }
}

package io.dataplatform.ingest.cdc;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's text output of an {@code interval} (its default {@code IntervalStyle}, {@code
 * postgres}: {@code 1 year 2 mons 3 days 04:05:06.5}), from the ISO 8601 form in which Debezium
 * hands an interval over ({@code P1Y2M3DT4H5M6.5S}, each part signed). A full refresh reads the
 * column's text output, so rows read by change data capture carry the same text.
 */
final class IntervalText {
  private static final Pattern ISO =
      Pattern.compile("P(-?\\d+)Y(-?\\d+)M(-?\\d+)DT(-?\\d+)H(-?\\d+)M(-?[0-9.]+)S");
  private static final BigDecimal MICROS = BigDecimal.valueOf(1_000_000);

  private IntervalText() {}

  /** The text, or {@code iso} itself when it is not in Debezium's form. */
  static String fromIso(String iso) {
    Matcher parts = ISO.matcher(iso);
    if (!parts.matches()) {
      return iso;
    }
    StringBuilder text = new StringBuilder();
    boolean negativeBefore = false;
    String[] units = {"year", "mon", "day"};
    for (int i = 0; i < units.length; i++) {
      long value = Long.parseLong(parts.group(i + 1));
      if (value == 0) {
        continue;
      }
      if (!text.isEmpty()) {
        text.append(' ');
      }
      if (negativeBefore && value > 0) {
        text.append('+');
      }
      text.append(value).append(' ').append(units[i]).append(value != 1 ? "s" : "");
      negativeBefore = value < 0;
    }
    long hours = Long.parseLong(parts.group(4));
    long minutes = Long.parseLong(parts.group(5));
    long micros = new BigDecimal(parts.group(6)).multiply(MICROS).longValue();
    if (text.isEmpty() || hours != 0 || minutes != 0 || micros != 0) {
      boolean minus = hours < 0 || minutes < 0 || micros < 0;
      if (!text.isEmpty()) {
        text.append(' ');
      }
      text.append(minus ? "-" : negativeBefore ? "+" : "");
      long seconds = Math.abs(micros) / 1_000_000;
      long fraction = Math.abs(micros) % 1_000_000;
      text.append(String.format("%02d:%02d:%02d", Math.abs(hours), Math.abs(minutes), seconds));
      if (fraction != 0) {
        String digits = String.format("%06d", fraction);
        text.append('.').append(digits.replaceFirst("0+$", ""));
      }
    }
    return text.toString();
  }
}

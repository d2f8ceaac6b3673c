package io.dataplatform.transform.jinja.modules;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Python's {@code strftime} and {@code strptime} format codes ({@code %Y-%m-%d %H:%M:%S}, …). */
final class Strftime {
  private Strftime() {}

  static String format(String format, LocalDateTime time, Optional<PyTimezone> zone) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 == format.length()) {
        out.append(c);
        continue;
      }
      char code = format.charAt(++i);
      boolean unpadded = code == '-' && i + 1 < format.length();
      if (unpadded) {
        code = format.charAt(++i);
      }
      String value = field(code, time, zone);
      if (unpadded && value.length() > 1 && value.startsWith("0")) {
        value = value.replaceFirst("^0+(?=.)", "");
      }
      out.append(value);
    }
    return out.toString();
  }

  private static String field(char code, LocalDateTime time, Optional<PyTimezone> zone) {
    return switch (code) {
      case 'a' -> time.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      case 'A' -> time.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case 'w' -> String.valueOf(time.getDayOfWeek().getValue() % 7);
      case 'u' -> String.valueOf(time.getDayOfWeek().getValue());
      case 'd' -> two(time.getDayOfMonth());
      case 'e' -> String.format("%2d", time.getDayOfMonth());
      case 'b', 'h' -> time.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      case 'B' -> time.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case 'm' -> two(time.getMonthValue());
      case 'y' -> two(time.getYear() % 100);
      case 'Y' -> String.format("%04d", time.getYear());
      case 'G' -> String.format("%04d", time.get(IsoFields.WEEK_BASED_YEAR));
      case 'V' -> two(time.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case 'H' -> two(time.getHour());
      case 'I' -> two(time.getHour() % 12 == 0 ? 12 : time.getHour() % 12);
      case 'p' -> time.getHour() < 12 ? "AM" : "PM";
      case 'M' -> two(time.getMinute());
      case 'S' -> two(time.getSecond());
      case 'f' -> String.format("%06d", time.getNano() / 1_000);
      case 'j' -> String.format("%03d", time.getDayOfYear());
      case 'U' -> two(weekOfYear(time, 7));
      case 'W' -> two(weekOfYear(time, 1));
      case 'z' -> zone.map(z -> offset(z, time, "")).orElse("");
      case 'Z' -> zone.map(PyTimezone::toString).orElse("");
      case 'c' -> format("%a %b %e %H:%M:%S %Y", time, zone);
      case 'x' -> format("%m/%d/%y", time, zone);
      case 'X' -> format("%H:%M:%S", time, zone);
      case 'F' -> format("%Y-%m-%d", time, zone);
      case 'T' -> format("%H:%M:%S", time, zone);
      case '%' -> "%";
      default -> "%" + code;
    };
  }

  /** Weeks before the first {@code firstDay} (ISO day number, 7 = Sunday) of the year are 0. */
  private static int weekOfYear(LocalDateTime time, int firstDay) {
    int dayOfYear = time.getDayOfYear() - 1;
    int weekday = (time.getDayOfWeek().getValue() - firstDay + 7) % 7;
    return (dayOfYear - weekday + 7) / 7;
  }

  static String offset(PyTimezone zone, LocalDateTime time, String separator) {
    ZoneOffset offset = zone.zone().getRules().getOffset(time);
    int seconds = offset.getTotalSeconds();
    int absolute = Math.abs(seconds);
    String text =
        (seconds < 0 ? "-" : "+") + two(absolute / 3600) + separator + two(absolute / 60 % 60);
    return absolute % 60 == 0 ? text : text + separator + two(absolute % 60);
  }

  private static String two(int value) {
    return String.format("%02d", value);
  }

  /** Parses {@code text} as Python's {@code datetime.strptime(text, format)} does. */
  static PyDateTime parse(String text, String format) {
    StringBuilder regex = new StringBuilder();
    StringBuilder codes = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c == '%' && i + 1 < format.length()) {
        char code = format.charAt(++i);
        if (code == '%') {
          regex.append('%');
          continue;
        }
        regex.append('(').append(pattern(code, format)).append(')');
        codes.append(code);
      } else if (Character.isWhitespace(c)) {
        regex.append("\\s+");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    Matcher matcher =
        Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(text.strip());
    if (!matcher.matches()) {
      throw PyFunction.error(
          "Cannot parse datetime: time data '" + text + "' does not match format '" + format + "'");
    }
    int[] fields = {1900, 1, 1, 0, 0, 0, 0};
    boolean pm = false;
    boolean twelveHour = false;
    Optional<PyTimezone> zone = Optional.empty();
    for (int g = 0; g < codes.length(); g++) {
      String value = matcher.group(g + 1);
      switch (codes.charAt(g)) {
        case 'Y' -> fields[0] = Integer.parseInt(value);
        case 'y' ->
            fields[0] = Integer.parseInt(value) + (Integer.parseInt(value) < 69 ? 2000 : 1900);
        case 'm' -> fields[1] = Integer.parseInt(value);
        case 'b', 'B', 'h' -> fields[1] = month(value);
        case 'd' -> fields[2] = Integer.parseInt(value.strip());
        case 'H' -> fields[3] = Integer.parseInt(value);
        case 'I' -> {
          fields[3] = Integer.parseInt(value) % 12;
          twelveHour = true;
        }
        case 'p' -> pm = value.equalsIgnoreCase("PM");
        case 'M' -> fields[4] = Integer.parseInt(value);
        case 'S' -> fields[5] = Integer.parseInt(value);
        case 'f' -> fields[6] = Integer.parseInt((value + "00000").substring(0, 6));
        case 'z' -> zone = Optional.of(zone(value));
        default -> {
          // weekday names and day of year carry no extra information here
        }
      }
    }
    if (twelveHour && pm) {
      fields[3] += 12;
    }
    try {
      LocalDateTime local =
          LocalDateTime.of(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5])
              .with(ChronoField.MICRO_OF_SECOND, fields[6]);
      return new PyDateTime(local, zone.orElse(null));
    } catch (java.time.DateTimeException e) {
      throw PyFunction.error("Cannot parse datetime: " + e.getMessage() + " (" + text + ")");
    }
  }

  private static String pattern(char code, String format) {
    return switch (code) {
      case 'Y' -> "\\d{4}";
      case 'y', 'H', 'M', 'S', 'm', 'd', 'I' -> "\\d{1,2}";
      case 'e' -> " ?\\d{1,2}";
      case 'f' -> "\\d{1,6}";
      case 'j' -> "\\d{1,3}";
      case 'b', 'B', 'h', 'a', 'A' -> "[A-Za-z]+";
      case 'p' -> "AM|PM";
      case 'z' -> "Z|[+-]\\d{2}:?\\d{2}";
      default ->
          throw PyFunction.error(
              "Cannot parse datetime: format code %" + code + " is not supported (" + format + ")");
    };
  }

  private static int month(String name) {
    for (java.time.Month month : java.time.Month.values()) {
      String full = month.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      if (full.equalsIgnoreCase(name) || full.substring(0, 3).equalsIgnoreCase(name)) {
        return month.getValue();
      }
    }
    throw PyFunction.error("Cannot parse datetime: unknown month name (" + name + ")");
  }

  private static PyTimezone zone(String value) {
    if (value.equalsIgnoreCase("Z")) {
      return PyTimezone.UTC;
    }
    ZoneOffset offset =
        ZoneOffset.of(
            value.length() == 5 ? value.substring(0, 3) + ":" + value.substring(3) : value);
    return offset.getTotalSeconds() == 0
        ? PyTimezone.UTC
        : new PyTimezone(offset, "UTC" + offset.getId());
  }
}

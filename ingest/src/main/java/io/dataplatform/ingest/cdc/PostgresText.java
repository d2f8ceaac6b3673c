package io.dataplatform.ingest.cdc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.postgresql.geometric.PGbox;
import org.postgresql.geometric.PGcircle;
import org.postgresql.geometric.PGline;
import org.postgresql.geometric.PGlseg;
import org.postgresql.geometric.PGpath;
import org.postgresql.geometric.PGpoint;
import org.postgresql.geometric.PGpolygon;

/**
 * PostgreSQL's text output of values the change log hands over as Java objects: a full refresh
 * reads these types as their text, so rows of the change log must carry the same text.
 */
final class PostgresText {
  private PostgresText() {}

  /** A time of day as PostgreSQL writes it: seconds always, microseconds without their zeros. */
  static String time(LocalTime time) {
    StringBuilder text = new StringBuilder(15);
    two(text, time.getHour()).append(':');
    two(text, time.getMinute()).append(':');
    two(text, time.getSecond());
    int micros = time.getNano() / 1000;
    if (micros != 0) {
      String fraction = String.format("%06d", micros);
      int end = fraction.length();
      while (fraction.charAt(end - 1) == '0') {
        end--;
      }
      text.append('.').append(fraction, 0, end);
    }
    return text.toString();
  }

  private static StringBuilder two(StringBuilder text, int value) {
    return text.append(value < 10 ? "0" : "").append(value);
  }

  /**
   * A {@code timetz} at UTC ({@code 11:45:30+00}), as a full refresh selects it ({@code AT TIME
   * ZONE 'UTC'}): the change log gives the value at UTC only, its offset lost.
   *
   * @param value an {@link OffsetTime}, or the type's text output ({@code 13:45:30+02})
   */
  static String timeWithZoneAtUtc(Object value) {
    OffsetTime time;
    if (value instanceof OffsetTime offsetTime) {
      time = offsetTime;
    } else {
      String text = value.toString();
      int offset = Math.max(text.lastIndexOf('+'), text.lastIndexOf('-'));
      if (offset < 1) {
        return text;
      }
      try {
        time =
            OffsetTime.of(
                LocalTime.parse(text.substring(0, offset)), ZoneOffset.of(text.substring(offset)));
      } catch (DateTimeParseException e) {
        // 24:00:00, which LocalTime cannot hold
        return text;
      }
    }
    return time(time.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime()) + "+00";
  }

  /**
   * A {@code money} amount as {@code money::numeric} writes it with two decimals ({@code -5.50}).
   * The change log hands amounts over as a {@code double}, exact up to 2<sup>53</sup> cents.
   */
  static String money(Number amount) {
    BigDecimal value =
        amount instanceof BigDecimal decimal ? decimal : BigDecimal.valueOf(amount.doubleValue());
    return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  /**
   * A {@code float8} as PostgreSQL writes it: the shortest digits that read back as the same value,
   * in fixed notation for decimal exponents from -4 to 14 and as {@code 1e+300} otherwise.
   */
  static String float8(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == 0) {
      return 1 / value < 0 ? "-0" : "0";
    }
    BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    int exponent = decimal.precision() - decimal.scale() - 1;
    if (exponent >= -4 && exponent < 15) {
      return decimal.toPlainString();
    }
    String digits = decimal.unscaledValue().abs().toString();
    StringBuilder text = new StringBuilder();
    if (value < 0) {
      text.append('-');
    }
    text.append(digits.charAt(0));
    if (digits.length() > 1) {
      text.append('.').append(digits, 1, digits.length());
    }
    text.append('e').append(exponent < 0 ? '-' : '+');
    int magnitude = Math.abs(exponent);
    return text.append(magnitude < 10 ? "0" : "").append(magnitude).toString();
  }

  /** The text of a geometric value ({@code point}, {@code box}, …), or null for other objects. */
  static String geometric(Object value) {
    if (value instanceof PGpoint point) {
      return point(point);
    }
    if (value instanceof PGbox box) {
      return point(box.point[0]) + "," + point(box.point[1]);
    }
    if (value instanceof PGlseg segment) {
      return "[" + point(segment.point[0]) + "," + point(segment.point[1]) + "]";
    }
    if (value instanceof PGline line) {
      return "{" + float8(line.a) + "," + float8(line.b) + "," + float8(line.c) + "}";
    }
    if (value instanceof PGcircle circle) {
      return "<" + point(circle.center) + "," + float8(circle.radius) + ">";
    }
    if (value instanceof PGpath path) {
      return path.open ? "[" + points(path.points) + "]" : "(" + points(path.points) + ")";
    }
    if (value instanceof PGpolygon polygon) {
      return "(" + points(polygon.points) + ")";
    }
    return null;
  }

  private static String point(PGpoint point) {
    return "(" + float8(point.x) + "," + float8(point.y) + ")";
  }

  private static String points(PGpoint[] points) {
    StringBuilder text = new StringBuilder();
    for (PGpoint point : points) {
      if (!text.isEmpty()) {
        text.append(',');
      }
      text.append(point(point));
    }
    return text.toString();
  }
}

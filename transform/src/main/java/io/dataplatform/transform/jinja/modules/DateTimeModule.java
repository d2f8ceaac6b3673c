package io.dataplatform.transform.jinja.modules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Python's {@code datetime} module as dbt exposes it under {@code modules.datetime}. */
final class DateTimeModule {
  private DateTimeModule() {}

  static Map<String, Object> create() {
    Map<String, Object> module = new LinkedHashMap<>();
    module.put("datetime", new DateTimeClass());
    module.put("date", new DateClass());
    module.put(
        "timedelta",
        new PyFunction(
            "timedelta",
            (a, extra) ->
                PyTimedelta.of(
                    PyFunction.number(a.get("days"), "days"),
                    PyFunction.number(a.get("seconds"), "seconds"),
                    PyFunction.number(a.get("microseconds"), "microseconds"),
                    PyFunction.number(a.get("milliseconds"), "milliseconds"),
                    PyFunction.number(a.get("minutes"), "minutes"),
                    PyFunction.number(a.get("hours"), "hours"),
                    PyFunction.number(a.get("weeks"), "weeks")),
            "days",
            "seconds",
            "microseconds",
            "milliseconds",
            "minutes",
            "hours",
            "weeks"));
    module.put("timezone", new TimezoneClass());
    module.put("MINYEAR", 1);
    module.put("MAXYEAR", 9999);
    return module;
  }

  /** {@code datetime.datetime}: the constructor and its class methods. */
  public static final class DateTimeClass extends PyFunction {
    DateTimeClass() {
      super(
          "datetime",
          (a, extra) -> {
            LocalDateTime local =
                LocalDateTime.of(
                    field(a, "year", null),
                    field(a, "month", null),
                    field(a, "day", null),
                    field(a, "hour", 0),
                    field(a, "minute", 0),
                    field(a, "second", 0),
                    field(a, "microsecond", 0) * 1_000);
            return new PyDateTime(local, a.get("tzinfo") instanceof PyTimezone zone ? zone : null);
          },
          "year",
          "month",
          "day",
          "hour",
          "minute",
          "second",
          "microsecond",
          "tzinfo");
    }

    /** The local wall-clock time, naive, as Python's {@code datetime.now()}. */
    public PyDateTime now() {
      return new PyDateTime(LocalDateTime.now(), null);
    }

    public PyDateTime now(PyTimezone zone) {
      return new PyDateTime(LocalDateTime.now(zone.zone()), zone);
    }

    public PyDateTime utcnow() {
      return new PyDateTime(LocalDateTime.now(ZoneOffset.UTC), null);
    }

    public PyDateTime today() {
      return now();
    }

    public PyDateTime strptime(String text, String format) {
      return Strftime.parse(text, format);
    }

    public PyDateTime fromisoformat(String text) {
      try {
        String normalized = text.strip().replace(' ', 'T');
        if (normalized.length() == 10) {
          return new PyDateTime(LocalDate.parse(normalized).atStartOfDay(), null);
        }
        java.time.temporal.TemporalAccessor parsed =
            java.time.format.DateTimeFormatter.ISO_DATE_TIME.parseBest(
                normalized, java.time.OffsetDateTime::from, LocalDateTime::from);
        if (parsed instanceof java.time.OffsetDateTime offset) {
          PyTimezone zone =
              offset.getOffset().getTotalSeconds() == 0
                  ? PyTimezone.UTC
                  : new PyTimezone(offset.getOffset(), "UTC" + offset.getOffset().getId());
          return new PyDateTime(offset.toLocalDateTime(), zone);
        }
        return new PyDateTime((LocalDateTime) parsed, null);
      } catch (DateTimeParseException e) {
        throw PyFunction.error("Cannot parse datetime: invalid isoformat string '" + text + "'");
      }
    }

    public PyDateTime fromtimestamp(Number seconds) {
      return new PyDateTime(
          LocalDateTime.ofInstant(instant(seconds), ZoneId.systemDefault()), null);
    }

    public PyDateTime fromtimestamp(Number seconds, PyTimezone zone) {
      return new PyDateTime(LocalDateTime.ofInstant(instant(seconds), zone.zone()), zone);
    }

    public PyDateTime utcfromtimestamp(Number seconds) {
      return new PyDateTime(LocalDateTime.ofInstant(instant(seconds), ZoneOffset.UTC), null);
    }

    private static Instant instant(Number seconds) {
      long micros = Math.round(seconds.doubleValue() * 1e6);
      return Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS);
    }

    private static int field(Map<String, Object> arguments, String name, Integer fallback) {
      Object value = arguments.get(name);
      if (value == null) {
        if (fallback == null) {
          throw PyFunction.error("Cannot create datetime: argument " + name + " is missing");
        }
        return fallback;
      }
      return Math.toIntExact(PyFunction.integer(value, name));
    }
  }

  /** {@code datetime.date}: the constructor and its class methods. */
  public static final class DateClass extends PyFunction {
    DateClass() {
      super(
          "date",
          (a, extra) -> {
            try {
              return new PyDate(
                  LocalDate.of(
                      Math.toIntExact(PyFunction.integer(a.get("year"), "year")),
                      Math.toIntExact(PyFunction.integer(a.get("month"), "month")),
                      Math.toIntExact(PyFunction.integer(a.get("day"), "day"))));
            } catch (java.time.DateTimeException e) {
              throw PyFunction.error("Cannot create date: " + e.getMessage());
            }
          },
          "year",
          "month",
          "day");
    }

    /** The local date, as Python's {@code date.today()}. */
    public PyDate today() {
      return new PyDate(LocalDate.now());
    }

    public PyDate fromisoformat(String text) {
      try {
        return new PyDate(LocalDate.parse(text.strip()));
      } catch (DateTimeParseException e) {
        throw PyFunction.error("Cannot parse date: invalid isoformat string '" + text + "'");
      }
    }
  }

  /** {@code datetime.timezone}: {@code timezone.utc}. */
  public static final class TimezoneClass {
    public PyTimezone getUtc() {
      return PyTimezone.UTC;
    }

    @Override
    public String toString() {
      return "<class 'datetime.timezone'>";
    }
  }
}

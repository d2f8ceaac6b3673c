package io.dataplatform.transform.jinja.modules;

import static java.util.Objects.requireNonNull;

import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Python's {@code datetime.datetime}, naive or aware of a time zone; renders as Python's {@code
 * str()}: {@code 2024-01-02 03:04:05[.ffffff][+00:00]}.
 */
public final class PyDateTime implements Comparable<PyDateTime>, PyishSerializable {
  private final LocalDateTime local;
  private final PyTimezone zone;

  PyDateTime(LocalDateTime local, PyTimezone zone) {
    this.local = requireNonNull(local, "local").truncatedTo(ChronoUnit.MICROS);
    this.zone = zone;
  }

  LocalDateTime local() {
    return local;
  }

  Optional<PyTimezone> zone() {
    return Optional.ofNullable(zone);
  }

  public int getYear() {
    return local.getYear();
  }

  public int getMonth() {
    return local.getMonthValue();
  }

  public int getDay() {
    return local.getDayOfMonth();
  }

  public int getHour() {
    return local.getHour();
  }

  public int getMinute() {
    return local.getMinute();
  }

  public int getSecond() {
    return local.getSecond();
  }

  public int getMicrosecond() {
    return local.get(ChronoField.MICRO_OF_SECOND);
  }

  public PyTimezone getTzinfo() {
    return zone;
  }

  public String isoformat() {
    return isoformat("T");
  }

  public String isoformat(String separator) {
    String text =
        Strftime.format("%Y-%m-%d", local, Optional.empty())
            + separator
            + Strftime.format(getMicrosecond() == 0 ? "%H:%M:%S" : "%H:%M:%S.%f", local, zone());
    return zone == null ? text : text + Strftime.offset(zone, local, ":");
  }

  public String strftime(String format) {
    return Strftime.format(format, local, zone());
  }

  public PyDate date() {
    return new PyDate(local.toLocalDate());
  }

  public int weekday() {
    return local.getDayOfWeek().getValue() - 1;
  }

  public int isoweekday() {
    return local.getDayOfWeek().getValue();
  }

  /** Seconds since the epoch; a naive value is taken as UTC. */
  public java.math.BigDecimal timestamp() {
    Instant instant = instant();
    java.math.BigDecimal seconds =
        java.math.BigDecimal.valueOf(instant.getEpochSecond())
            .add(java.math.BigDecimal.valueOf(instant.getNano(), 9))
            .stripTrailingZeros();
    return seconds.scale() < 1 ? seconds.setScale(1) : seconds;
  }

  public PyDateTime astimezone(PyTimezone target) {
    return new PyDateTime(LocalDateTime.ofInstant(instant(), target.zone()), target);
  }

  public PyDateTime replace(Object... arguments) {
    Keywords keywords =
        Keywords.of(
            "replace",
            arguments,
            "year",
            "month",
            "day",
            "hour",
            "minute",
            "second",
            "microsecond",
            "tzinfo");
    try {
      LocalDateTime replaced =
          LocalDateTime.of(
                  keywords.integer("year", local.getYear()),
                  keywords.integer("month", local.getMonthValue()),
                  keywords.integer("day", local.getDayOfMonth()),
                  keywords.integer("hour", local.getHour()),
                  keywords.integer("minute", local.getMinute()),
                  keywords.integer("second", local.getSecond()))
              .with(ChronoField.MICRO_OF_SECOND, keywords.integer("microsecond", getMicrosecond()));
      Object tzinfo = keywords.value("tzinfo");
      return new PyDateTime(replaced, tzinfo instanceof PyTimezone given ? given : zone);
    } catch (java.time.DateTimeException e) {
      throw PyFunction.error(
          "Cannot replace datetime fields: " + e.getMessage() + " (" + this + ")");
    }
  }

  private Instant instant() {
    return zone == null
        ? local.toInstant(java.time.ZoneOffset.UTC)
        : local.atZone(zone.zone()).toInstant();
  }

  PyDateTime plus(PyTimedelta delta) {
    return new PyDateTime(local.plus(delta.micros(), ChronoUnit.MICROS), zone);
  }

  PyTimedelta minus(PyDateTime other) {
    if ((zone == null) != (other.zone == null)) {
      throw PyFunction.error(
          "Cannot subtract datetimes: one is naive and one is aware (" + this + ", " + other + ")");
    }
    return new PyTimedelta(ChronoUnit.MICROS.between(other.instant(), instant()));
  }

  @Override
  public int compareTo(PyDateTime other) {
    return instant().compareTo(other.instant());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PyDateTime that
        && that.instant().equals(instant())
        && (that.zone == null) == (zone == null);
  }

  @Override
  public int hashCode() {
    return instant().hashCode();
  }

  @Override
  public String toString() {
    return isoformat(" ");
  }

  @Override
  public <T extends Appendable & CharSequence> T appendPyishString(T appendable)
      throws IOException {
    appendable.append(toString());
    return appendable;
  }
}

package io.dataplatform.transform.jinja.modules;

import static java.util.Objects.requireNonNull;

import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import java.io.IOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Python's {@code datetime.date}; renders as ISO {@code YYYY-MM-DD}. */
public final class PyDate implements Comparable<PyDate>, PyishSerializable {
  private final LocalDate date;

  PyDate(LocalDate date) {
    this.date = requireNonNull(date, "date");
  }

  LocalDate local() {
    return date;
  }

  public int getYear() {
    return date.getYear();
  }

  public int getMonth() {
    return date.getMonthValue();
  }

  public int getDay() {
    return date.getDayOfMonth();
  }

  public String isoformat() {
    return date.toString();
  }

  public String strftime(String format) {
    return Strftime.format(format, date.atStartOfDay(), Optional.empty());
  }

  /** Monday is 0, as in Python. */
  public int weekday() {
    return date.getDayOfWeek().getValue() - 1;
  }

  public int isoweekday() {
    return date.getDayOfWeek().getValue();
  }

  public PyDate replace(Object... arguments) {
    Keywords keywords = Keywords.of("replace", arguments, "year", "month", "day");
    try {
      return new PyDate(
          LocalDate.of(
              keywords.integer("year", date.getYear()),
              keywords.integer("month", date.getMonthValue()),
              keywords.integer("day", date.getDayOfMonth())));
    } catch (java.time.DateTimeException e) {
      throw PyFunction.error("Cannot replace date fields: " + e.getMessage() + " (" + this + ")");
    }
  }

  PyDate plus(PyTimedelta delta) {
    return new PyDate(date.plusDays(delta.getDays()));
  }

  PyTimedelta minus(PyDate other) {
    return new PyTimedelta(ChronoUnit.DAYS.between(other.date, date) * PyTimedelta.MICROS_PER_DAY);
  }

  @Override
  public int compareTo(PyDate other) {
    return date.compareTo(other.date);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PyDate that && that.date.equals(date);
  }

  @Override
  public int hashCode() {
    return date.hashCode();
  }

  @Override
  public String toString() {
    return isoformat();
  }

  @Override
  public <T extends Appendable & CharSequence> T appendPyishString(T appendable)
      throws IOException {
    appendable.append(toString());
    return appendable;
  }
}

package io.dataplatform.transform.jinja.modules;

import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import java.io.IOException;

/**
 * Python's {@code datetime.timedelta}: a duration in microseconds, normalised as Python does (days
 * may be negative, seconds and microseconds never are).
 */
public final class PyTimedelta implements Comparable<PyTimedelta>, PyishSerializable {
  static final long MICROS_PER_SECOND = 1_000_000L;
  static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;
  private final long micros;

  PyTimedelta(long micros) {
    this.micros = micros;
  }

  static PyTimedelta of(
      double days,
      double seconds,
      double microseconds,
      double milliseconds,
      double minutes,
      double hours,
      double weeks) {
    double total =
        ((weeks * 7 + days) * 86_400 + hours * 3_600 + minutes * 60 + seconds) * MICROS_PER_SECOND
            + milliseconds * 1_000
            + microseconds;
    return new PyTimedelta(Math.round(total));
  }

  long micros() {
    return micros;
  }

  public long getDays() {
    return Math.floorDiv(micros, MICROS_PER_DAY);
  }

  public long getSeconds() {
    return Math.floorMod(micros, MICROS_PER_DAY) / MICROS_PER_SECOND;
  }

  public long getMicroseconds() {
    return Math.floorMod(micros, MICROS_PER_SECOND);
  }

  public double total_seconds() {
    return micros / (double) MICROS_PER_SECOND;
  }

  PyTimedelta plus(PyTimedelta other) {
    return new PyTimedelta(Math.addExact(micros, other.micros));
  }

  PyTimedelta minus(PyTimedelta other) {
    return new PyTimedelta(Math.subtractExact(micros, other.micros));
  }

  PyTimedelta negate() {
    return new PyTimedelta(-micros);
  }

  @Override
  public int compareTo(PyTimedelta other) {
    return Long.compare(micros, other.micros);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PyTimedelta delta && delta.micros == micros;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(micros);
  }

  /** {@code 7 days, 0:00:00}, {@code -1 day, 23:00:00}, {@code 0:05:00.250000}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    long days = getDays();
    if (days != 0) {
      text.append(days).append(Math.abs(days) == 1 ? " day, " : " days, ");
    }
    long seconds = getSeconds();
    text.append(seconds / 3_600)
        .append(':')
        .append(String.format("%02d:%02d", seconds / 60 % 60, seconds % 60));
    if (getMicroseconds() != 0) {
      text.append(String.format(".%06d", getMicroseconds()));
    }
    return text.toString();
  }

  @Override
  public <T extends Appendable & CharSequence> T appendPyishString(T appendable)
      throws IOException {
    appendable.append(toString());
    return appendable;
  }
}

package io.dataplatform.transform.jinja.modules;

import static java.util.Objects.requireNonNull;

import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import java.io.IOException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A time zone as {@code pytz.timezone(name)}, {@code pytz.utc} or {@code datetime.timezone.utc}
 * give it: {@code tz.localize(naive)} attaches it, {@code dt.astimezone(tz)} converts to it.
 */
public final class PyTimezone implements PyishSerializable {
  static final PyTimezone UTC = new PyTimezone(ZoneOffset.UTC, "UTC");
  private final ZoneId zone;
  private final String name;

  PyTimezone(ZoneId zone, String name) {
    this.zone = requireNonNull(zone, "zone");
    this.name = requireNonNull(name, "name");
  }

  static PyTimezone named(String name) {
    if (name.equalsIgnoreCase("UTC")) {
      return UTC;
    }
    try {
      return new PyTimezone(ZoneId.of(name), name);
    } catch (java.time.DateTimeException e) {
      throw PyFunction.error("Cannot find time zone: unknown name (" + name + ")");
    }
  }

  ZoneId zone() {
    return zone;
  }

  public String getZone() {
    return name;
  }

  /** pytz's way to make a naive datetime aware of this zone (wall time kept). */
  public PyDateTime localize(PyDateTime naive) {
    if (naive.zone().isPresent()) {
      throw PyFunction.error(
          "Cannot localize datetime: it already has a time zone (" + naive + ")");
    }
    return new PyDateTime(naive.local(), this);
  }

  public PyTimedelta utcoffset(PyDateTime dateTime) {
    ZoneOffset offset = zone.getRules().getOffset(dateTime.local());
    return new PyTimedelta(offset.getTotalSeconds() * PyTimedelta.MICROS_PER_SECOND);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PyTimezone timezone && timezone.zone.equals(zone);
  }

  @Override
  public int hashCode() {
    return zone.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }

  @Override
  public <T extends Appendable & CharSequence> T appendPyishString(T appendable)
      throws IOException {
    appendable.append(name);
    return appendable;
  }
}

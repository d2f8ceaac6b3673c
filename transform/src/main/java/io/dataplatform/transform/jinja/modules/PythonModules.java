package io.dataplatform.transform.jinja.modules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code modules} variable of dbt's Jinja context: {@code modules.datetime}, {@code modules.re}
 * and {@code modules.pytz} ({@code utc}, {@code timezone(name)}), implemented in Java with Python's
 * behaviour.
 */
public final class PythonModules {
  private PythonModules() {}

  /** dbt's {@code run_started_at}: an aware UTC datetime. */
  public static Object utcDateTime(java.time.Instant instant) {
    return new PyDateTime(
        java.time.LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC), PyTimezone.UTC);
  }

  public static Map<String, Object> create() {
    Map<String, Object> modules = new LinkedHashMap<>();
    modules.put("datetime", DateTimeModule.create());
    modules.put("re", RegexModule.create());
    Map<String, Object> pytz = new LinkedHashMap<>();
    pytz.put("utc", PyTimezone.UTC);
    pytz.put("UTC", PyTimezone.UTC);
    pytz.put(
        "timezone",
        new PyFunction(
            "timezone",
            (a, extra) -> PyTimezone.named(PyFunction.string(a.get("zone"), "zone")),
            "zone"));
    modules.put("pytz", pytz);
    return modules;
  }
}

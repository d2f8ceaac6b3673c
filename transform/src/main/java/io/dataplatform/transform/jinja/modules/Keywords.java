package io.dataplatform.transform.jinja.modules;

import com.hubspot.jinjava.el.ext.NamedParameter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The arguments of a Python method called from a template, positional then {@code name=value}. */
final class Keywords {
  private final Map<String, Object> values;

  private Keywords(Map<String, Object> values) {
    this.values = values;
  }

  static Keywords of(String method, Object[] arguments, String... names) {
    Map<String, Object> values = new HashMap<>();
    List<String> known = List.of(names);
    int position = 0;
    for (Object argument : arguments == null ? new Object[0] : arguments) {
      if (argument instanceof NamedParameter named) {
        if (!known.contains(named.getName())) {
          throw PyFunction.error(
              "Cannot call "
                  + method
                  + ": unexpected keyword argument "
                  + named.getName()
                  + " (parameters "
                  + known
                  + ")");
        }
        values.put(named.getName(), named.getValue());
      } else if (position < names.length) {
        values.put(names[position++], argument);
      } else {
        throw PyFunction.error(
            "Cannot call " + method + ": too many arguments (parameters " + known + ")");
      }
    }
    return new Keywords(values);
  }

  Object value(String name) {
    return values.get(name);
  }

  int integer(String name, int fallback) {
    Object value = values.get(name);
    return value == null ? fallback : Math.toIntExact(PyFunction.integer(value, name));
  }
}

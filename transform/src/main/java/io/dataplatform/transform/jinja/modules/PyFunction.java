package io.dataplatform.transform.jinja.modules;

import static java.util.Objects.requireNonNull;

import com.hubspot.jinjava.lib.fn.MacroFunction;
import io.dataplatform.api.DpException;
import io.dataplatform.transform.TransformErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Python function or class of a module that templates call with positional and keyword arguments,
 * such as {@code modules.datetime.timedelta(days=7)}. Subclasses add the class's attributes as
 * public methods ({@code modules.datetime.date.today()}).
 */
public class PyFunction extends MacroFunction {
  /** The body of a function: the declared parameters by name, then any other positionals. */
  @FunctionalInterface
  interface Body {
    Object call(Map<String, Object> arguments, List<Object> extra);
  }

  private final Body body;

  PyFunction(String name, Body body, String... parameters) {
    super(List.of(), name, declared(parameters), false, null, 0, 0);
    this.body = requireNonNull(body, "body");
  }

  private static LinkedHashMap<String, Object> declared(String... names) {
    LinkedHashMap<String, Object> parameters = new LinkedHashMap<>();
    for (String name : names) {
      parameters.put(name, null);
    }
    return parameters;
  }

  @Override
  public Object doEvaluate(
      Map<String, Object> argMap, Map<String, Object> kwargMap, List<Object> varArgs) {
    if (!kwargMap.isEmpty()) {
      throw error(
          "Cannot call "
              + getName()
              + ": unexpected keyword arguments "
              + kwargMap.keySet()
              + " (parameters "
              + argMap.keySet()
              + ")");
    }
    return body.call(argMap, varArgs);
  }

  @Override
  public String toString() {
    return "<" + getName() + ">";
  }

  static long integer(Object value, String name) {
    if (value instanceof Number number) {
      return number.longValue();
    }
    if (value instanceof String text) {
      try {
        return Long.parseLong(text.strip());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw error("Cannot read argument " + name + ": not an integer (" + value + ")");
  }

  static double number(Object value, String name) {
    if (value == null) {
      return 0;
    }
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    throw error("Cannot read argument " + name + ": not a number (" + value + ")");
  }

  static String string(Object value, String name) {
    if (value == null) {
      throw error("Cannot read argument " + name + ": it is missing");
    }
    return value.toString();
  }

  /** A template error; Jinja's resolver would swallow an IllegalArgumentException. */
  static DpException error(String message) {
    return new DpException(TransformErrorCode.COMPILATION_ERROR, message);
  }
}

package io.dataplatform.transform.jinja;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function implemented in Java that templates call like a macro ({@code ref('x')}, {@code
 * adapter.get_relation(schema=…)}): registering it as a macro gives it positional and keyword
 * arguments.
 */
final class Fn extends MacroFunction {
  /** The body of a function. */
  @FunctionalInterface
  interface Body {
    Object call(Arguments arguments, RenderContext context);
  }

  /** The arguments of one call. */
  record Arguments(Map<String, Object> named, Map<String, Object> keywords, List<Object> extra) {
    Object value(String name) {
      Object value = named.get(name);
      return value != null ? value : keywords.get(name);
    }

    String string(String name) {
      Object value = value(name);
      return value == null ? null : value.toString();
    }
  }

  static final String CONTEXT_KEY = "__dp_render_context";
  private final Body body;

  Fn(String name, Body body, String... parameters) {
    super(List.of(), name, parameters(parameters), false, null, 0, 0);
    this.body = body;
  }

  private static LinkedHashMap<String, Object> parameters(String... names) {
    LinkedHashMap<String, Object> parameters = new LinkedHashMap<>();
    for (String name : names) {
      parameters.put(name, null);
    }
    return parameters;
  }

  static RenderContext context() {
    JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
    Object value = interpreter == null ? null : interpreter.getContext().get(CONTEXT_KEY);
    if (value instanceof RenderContext context) {
      return context;
    }
    throw new IllegalStateException("Cannot call a dbt function outside of a rendering");
  }

  @Override
  public Object doEvaluate(
      Map<String, Object> argMap, Map<String, Object> kwargMap, List<Object> varArgs) {
    RenderContext context = context();
    try {
      return body.call(new Arguments(argMap, kwargMap, varArgs), context);
    } catch (RuntimeException e) {
      context.fail(e);
      throw e;
    }
  }
}

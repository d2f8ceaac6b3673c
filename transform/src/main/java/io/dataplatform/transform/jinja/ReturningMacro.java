package io.dataplatform.transform.jinja;

import com.hubspot.jinjava.lib.fn.MacroFunction;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A macro from a project file whose {@code {{ return(value) }}} makes the call evaluate to {@code
 * value} (any object) instead of the rendered text. The first {@code return} of a call wins.
 */
final class ReturningMacro extends MacroFunction {
  private static final ThreadLocal<Deque<Object[]>> FRAMES =
      ThreadLocal.withInitial(ArrayDeque::new);

  ReturningMacro(MacroFunction macro, String name) {
    super(macro, name);
  }

  static void setReturnValue(Object value) {
    Object[] frame = FRAMES.get().peek();
    if (frame != null && frame[0] == null) {
      frame[0] = value == null ? NONE : value;
    }
  }

  private static final Object NONE = new Object();

  @Override
  public Object doEvaluate(
      Map<String, Object> argMap, Map<String, Object> kwargMap, List<Object> varArgs) {
    Object[] frame = new Object[1];
    FRAMES.get().push(frame);
    try {
      Object output = super.doEvaluate(argMap, kwargMap, varArgs);
      if (frame[0] == null) {
        return output;
      }
      return frame[0] == NONE ? null : frame[0];
    } finally {
      FRAMES.get().pop();
    }
  }
}

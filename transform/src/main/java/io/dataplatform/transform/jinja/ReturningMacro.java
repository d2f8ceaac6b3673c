package io.dataplatform.transform.jinja;

import static java.util.Objects.requireNonNull;

import com.hubspot.jinjava.lib.fn.MacroFunction;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A macro from a project file whose {@code {{ return(value) }}} makes the call evaluate to {@code
 * value} (any object) instead of the rendered text. The first {@code return} of a call wins.
 */
final class ReturningMacro extends MacroFunction {
  private static final ThreadLocal<Deque<Object[]>> FRAMES =
      ThreadLocal.withInitial(ArrayDeque::new);
  private static final ThreadLocal<Deque<ReturningMacro>> CALLS =
      ThreadLocal.withInitial(ArrayDeque::new);
  private final String file;

  ReturningMacro(MacroFunction macro, String name, String file) {
    super(macro, name);
    this.file = requireNonNull(file, "file");
  }

  /** The file that defines the macro, for error messages. */
  String file() {
    return file;
  }

  /** The project macro running on this thread, innermost first. */
  static Optional<ReturningMacro> current() {
    return Optional.ofNullable(CALLS.get().peek());
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
    CALLS.get().push(this);
    try {
      Object output = super.doEvaluate(argMap, kwargMap, varArgs);
      if (frame[0] == null) {
        return output;
      }
      return frame[0] == NONE ? null : frame[0];
    } finally {
      CALLS.get().pop();
      FRAMES.get().pop();
    }
  }
}

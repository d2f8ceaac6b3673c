package io.dataplatform.transform.jinja;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.DefaultFilter;
import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import com.hubspot.jinjava.util.HasObjectTruthValue;
import com.hubspot.jinjava.util.ScopeMap;
import io.dataplatform.api.DpException;
import io.dataplatform.transform.TransformErrorCode;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Names no template, macro or context defines. While executing, such a name evaluates to an {@link
 * Value} that fails the rendering with dbt's {@code 'x' is undefined} as soon as it is printed,
 * called, concatenated or has an attribute read; {@code is defined}, {@code default(...)} and
 * {@code if x} treat it as missing, as Jinja does. While parsing, undefined names stay empty.
 */
final class StrictUndefined {
  /** Jinjava has no {@code none} literal: the names resolve to nothing. */
  private static final Set<String> NULL_NAMES = Set.of("none", "None");

  private StrictUndefined() {}

  static void register(Context global) {
    global.setDynamicVariableResolver(StrictUndefined::resolve);
    global.registerExpTest(new DefinedTest("defined", true));
    global.registerExpTest(new DefinedTest("undefined", false));
    global.registerFilter(new DefaultOfUndefined("default"));
    global.registerFilter(new DefaultOfUndefined("d"));
  }

  private static Object resolve(String name) {
    JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
    if (interpreter == null || NULL_NAMES.contains(name)) {
      return null;
    }
    Context context = interpreter.getContext();
    if (!(context.get(Fn.CONTEXT_KEY) instanceof RenderContext render) || !render.executing()) {
      return null;
    }
    for (ScopeMap<String, Object> scope = context; scope != null; scope = scope.getParent()) {
      if (scope.getScope().containsKey(name)) {
        return null;
      }
    }
    return new Value(name);
  }

  static boolean isUndefined(Object value) {
    return value instanceof Value;
  }

  /**
   * The value of an undefined name. A map so that attribute access reaches {@link #get} (and fails)
   * and iteration sees nothing, as Jinja's undefined does.
   */
  static final class Value extends AbstractMap<String, Object>
      implements PyishSerializable, HasObjectTruthValue {
    private final String name;

    Value(String name) {
      this.name = name;
    }

    DpException failure() {
      JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
      int line = interpreter == null ? 0 : interpreter.getLineNumber();
      Optional<ReturningMacro> macro = ReturningMacro.current();
      String where =
          macro
              .map(m -> " (in macro " + m.getName() + ", " + m.file() + ":" + line + ")")
              .orElse("");
      DpException failure =
          new DpException(
              TransformErrorCode.COMPILATION_ERROR,
              "'" + name + "' is undefined" + where,
              macro.isPresent() || line < 1
                  ? null
                  : new io.dataplatform.api.SourcePosition(line, 1),
              null);
      if (interpreter != null
          && interpreter.getContext().get(Fn.CONTEXT_KEY) instanceof RenderContext context) {
        context.fail(failure);
      }
      return failure;
    }

    @Override
    public Object get(Object key) {
      throw failure();
    }

    @Override
    public boolean containsKey(Object key) {
      return false;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return Set.of();
    }

    @Override
    public boolean getObjectTruthValue() {
      return false;
    }

    @Override
    public <T extends Appendable & CharSequence> T appendPyishString(T appendable) {
      throw failure();
    }

    @Override
    public String toString() {
      throw failure();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Value;
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }

  /** {@code is defined} / {@code is undefined}, where an undefined name counts as missing. */
  private record DefinedTest(String name, boolean defined) implements ExpTest {
    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean evaluate(Object value, JinjavaInterpreter interpreter, Object... arguments) {
      boolean present = value != null && !isUndefined(value);
      return present == defined;
    }
  }

  /** {@code x | default(y)} with an undefined {@code x} gives {@code y}. */
  private static final class DefaultOfUndefined extends DefaultFilter {
    private final String name;

    DefaultOfUndefined(String name) {
      this.name = name;
    }

    @Override
    public Object filter(
        Object value, JinjavaInterpreter interpreter, Map<String, Object> arguments) {
      return super.filter(isUndefined(value) ? null : value, interpreter, arguments);
    }

    @Override
    public String getName() {
      return name;
    }
  }
}

package io.dataplatform.transform.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hubspot.jinjava.el.ext.NamedParameter;
import org.junit.jupiter.api.Test;

class TestPythonStrings {
  @Test
  void formatFillsAutomaticNumberedAndNamedFields() {
    assertEquals(
        "a.b 2 {x} b 1.50",
        PythonStrings.Formats.format(
            "{}.{} {count} {{x}} {1} {2:.2f}",
            new Object[] {"a", "b", 1.5, new NamedParameter("count", 2)}));
  }

  @Test
  void formatRejectsAnUnclosedField() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> PythonStrings.Formats.format("{0", new Object[] {"a"}));
    assertEquals("Cannot format string: single '{' encountered ({0)", error.getMessage());
  }

  @Test
  void macroDefaultsWithParenthesesMoveBeforeTheMacro() {
    assertEquals(
        "{% set __dp_macro_default_0 = 'count(*) desc' %}"
            + "{% macro m(a, order_by=__dp_macro_default_0, n=none) %}x{% endmacro %}",
        MacroSignatures.hoistDefaults(
            "{% macro m(a, order_by='count(*) desc', n=none) %}x{% endmacro %}"));
  }

  @Test
  void trailingCommasInsideTagsAreDropped() {
    assertEquals(
        "f(a, b=[1, 2] ) ,) {{ g(x='y,)' ) }}{# h(1,) #}",
        Templates.trailingCommas("f(a, b=[1, 2] ) ,) {{ g(x='y,)', ) }}{# h(1,) #}"));
  }
}

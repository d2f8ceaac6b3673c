package io.dataplatform.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import io.dataplatform.transform.jinja.JinjaEnvironment;
import io.dataplatform.transform.jinja.RenderContext;
import io.dataplatform.transform.jinja.RenderMode;
import io.dataplatform.transform.project.ProjectLoader;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Undefined names while executing and parsing, and which materialization blocks count. */
class TestUndefinedNames {
  private final JinjaEnvironment environment =
      new JinjaEnvironment(
          ProjectLoader.load(
              Fixtures.project("custom_materializations"), Optional.empty(), Map.of()),
          new FakeSqlRunner());

  private String render(String template, RenderMode mode) {
    return environment.render(
        template,
        "models/x.sql",
        new RenderContext(Optional.empty(), mode, false, m -> {}),
        Map.of());
  }

  private String failure(String template) {
    return assertThrows(DpException.class, () -> render(template, RenderMode.EXECUTE)).getMessage();
  }

  @Test
  void undefinedNamesFailWhenUsedWhileExecuting() {
    assertEquals(
        "Cannot compile models/x.sql: 'nothing' is undefined (models/x.sql:2)",
        failure("select 1\n{{ nothing }}"));
    assertEquals(
        "Cannot compile models/x.sql: 'nothing' is undefined (models/x.sql:1)",
        failure("{{ nothing.attribute }}"));
    assertEquals(
        "Cannot compile models/x.sql: 'nothing' is undefined (models/x.sql:3)",
        failure("\n\n{{ 'a' ~ nothing }}"));
    assertEquals(
        "Cannot compile models/x.sql: 'no_such_macro' is undefined (models/x.sql:1)",
        failure("{{ no_such_macro(1) }}"));
    assertEquals(
        "false|true|x|none|",
        render(
            "{{ nothing is defined }}|{{ nothing is undefined }}|{{ nothing | d('x') }}"
                + "|{{ 'some' if nothing else 'none' }}|{{ target.no_such_key }}",
            RenderMode.EXECUTE));
  }

  @Test
  void undefinedNamesStayEmptyWhileParsing() {
    assertEquals("select  from t", render("select {{ nothing }} from t", RenderMode.PARSE));
  }

  @Test
  void materializationBlocksOfTheDefaultAdapterCount() {
    assertTrue(environment.materializations().defines("audited_table"));
    assertTrue(environment.materializations().defines("forgetful"));
    assertFalse(environment.materializations().defines("table"));
    assertFalse(environment.materializations().defines("no_such_materialization"));
  }
}

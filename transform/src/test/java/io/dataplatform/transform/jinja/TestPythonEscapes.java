package io.dataplatform.transform.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hubspot.jinjava.Jinjava;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestPythonEscapes {
  private static String render(String template) {
    return new Jinjava().render(PythonEscapes.rewrite(template), Map.of());
  }

  @Test
  void newlineTabAndCarriageReturnEscapesAreThoseCharacters() {
    assertEquals("a\nb\tc\rd", render("{{ 'a\\nb\\tc\\rd' }}"));
    assertEquals("x|y", render("{{ \"x\\ny\".replace('\\n', '|') }}"));
    assertEquals("2", render("{% set parts = 'a\\nb'.split('\\n') %}{{ parts | length }}"));
  }

  @Test
  void otherBackslashesStayAsPythonKeepsThem() {
    assertEquals("\\d+ \\. it's \\", render("{{ '\\d+ \\. it\\'s \\\\' }}"));
  }

  @Test
  void textOutsideTagsCommentsAndRawBlocksIsKept() {
    String text = "select '\\n' {# '\\n' #}{% raw %}{{ '\\n' }}{% endraw %}";
    assertEquals(
        text.replace("{% raw %}", "").replace("{% endraw %}", "").replace("{# '\\n' #}", ""),
        render(text));
  }
}

package io.dataplatform.ingest.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.api.DpException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestJsonPath {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<String> select(String path, String document) throws Exception {
    JsonNode tree = JSON.readTree(document);
    return JsonPath.parse(path).select(tree).stream().map(JsonNode::toString).toList();
  }

  @Test
  void fieldsIndexesAndWildcards() throws Exception {
    String document =
        "{\"data\": [{\"id\": 1}, {\"id\": 2}], \"meta\": {\"next\": \"abc\", \"odd key\": 3}}";
    assertEquals(List.of("{\"id\":1}", "{\"id\":2}"), select("$.data[*]", document));
    assertEquals(List.of("1", "2"), select("$.data[*].id", document));
    assertEquals(List.of("{\"id\":2}"), select("$.data[-1]", document));
    assertEquals(List.of("\"abc\""), select("$['meta'].next", document));
    assertEquals(List.of("3"), select("$.meta[\"odd key\"]", document));
    assertEquals(List.of("\"abc\"", "3"), select("$.meta.*", document));
    assertEquals(List.of(), select("$.missing[*].id", document));
    assertEquals(
        List.of(document.replace(" ", "").replace("oddkey", "odd key")), select("$", document));
  }

  @Test
  void malformedPathsAreRefused() {
    DpException noRoot = assertThrows(DpException.class, () -> JsonPath.parse("data[*]"));
    assertEquals("Cannot read JSON path: it must start with $ (data[*])", noRoot.getMessage());
    DpException open = assertThrows(DpException.class, () -> JsonPath.parse("$.data[0"));
    assertEquals("Cannot read JSON path: a [ is not closed ($.data[0)", open.getMessage());
    DpException bad = assertThrows(DpException.class, () -> JsonPath.parse("$.data[x]"));
    assertEquals(
        "Cannot read JSON path: [x] is neither *, an index nor a quoted name ($.data[x])",
        bad.getMessage());
  }
}

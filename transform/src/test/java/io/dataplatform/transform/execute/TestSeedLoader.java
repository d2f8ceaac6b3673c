package io.dataplatform.transform.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestSeedLoader {
  @Test
  void parsesQuotedFieldsAndLineEndings() {
    assertEquals(
        List.of(List.of("id", "note"), List.of("1", "a, \"quoted\"\nline"), List.of("2", "")),
        SeedLoader.parse("id,note\r\n1,\"a, \"\"quoted\"\"\nline\"\r\n2,\n", ','));
    assertEquals(List.of(List.of("a", "b"), List.of("1", "2")), SeedLoader.parse("a|b\n1|2", '|'));
  }

  @Test
  void infersTypesLikeDbt() {
    List<List<String>> rows =
        List.of(
            List.of("1", "1.5", "true", "2024-01-02", "2024-01-02 10:00:00", "x", "", "3000000000"),
            List.of("2", "2", "False", "2024-02-03", "2024-01-02T11:00", "1", "", "1"));
    List<String> types = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      types.add(SeedLoader.infer(rows, i));
    }
    assertEquals(
        List.of(
            "INTEGER", "DOUBLE", "BOOLEAN", "DATE", "TIMESTAMP", "VARCHAR", "VARCHAR", "BIGINT"),
        types);
  }
}

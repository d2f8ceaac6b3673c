package io.dataplatform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestAssetKey {
  @Test
  void parsesAndPrintsTheDottedForm() {
    AssetKey key = AssetKey.parse("marts.fct_orders");
    assertEquals(List.of("marts", "fct_orders"), key.path());
    assertEquals("marts.fct_orders", key.toString());
    assertEquals("fct_orders", key.name());
    assertEquals(key, AssetKey.of(TableId.of("marts", "FCT_ORDERS")));
    assertEquals(AssetKey.of("daily-report"), AssetKey.parse("daily-report"));
  }

  @Test
  void refusesEmptySegments() {
    DpException error = assertThrows(DpException.class, () -> AssetKey.parse("raw..orders"));
    assertEquals(
        "Cannot use asset key: a segment holds only letters, digits, underscores and dashes"
            + " (raw..orders)",
        error.getMessage());
    DpException empty = assertThrows(DpException.class, () -> AssetKey.parse(""));
    assertEquals("Cannot parse asset key: it is empty ()", empty.getMessage());
  }
}

package io.dataplatform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TestTableId {
  @Test
  void parsesAndLowerCases() {
    TableId id = TableId.parse("Demo.Orders");
    assertEquals("demo", id.namespace().value());
    assertEquals("orders", id.name());
    assertEquals("demo.orders", id.toString());
  }

  @Test
  void refusesBadNames() {
    DpException error = assertThrows(DpException.class, () -> TableId.parse("orders"));
    assertEquals("Cannot parse table name: expected namespace.table (orders)", error.getMessage());
    DpException bad = assertThrows(DpException.class, () -> TableId.of("demo", "a-b"));
    assertEquals(
        "Cannot use table name: it must start with a letter or underscore and hold only letters,"
            + " digits and underscores, at most 128 characters (a-b)",
        bad.getMessage());
  }
}

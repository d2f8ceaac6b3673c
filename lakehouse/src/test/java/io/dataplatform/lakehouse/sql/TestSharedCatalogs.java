package io.dataplatform.lakehouse.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestSharedCatalogs {
  @Test
  void aCatalogIsFoundByItsDefinitionsAndOfferedOnlyOnce() {
    SharedCatalogs catalogs = new SharedCatalogs();
    assertEquals(Optional.empty(), catalogs.acquire("CREATE VIEW a"));
    assertTrue(catalogs.adopt("CREATE VIEW a", "c1"));
    // a second statement that filled its own catalog meanwhile keeps it to itself
    assertFalse(catalogs.adopt("CREATE VIEW a", "c2"));
    assertEquals(Optional.of("c1"), catalogs.acquire("CREATE VIEW a"));
    assertEquals(Optional.empty(), catalogs.acquire("CREATE VIEW b"));
    assertEquals(List.of(), catalogs.release("c1"));
    assertEquals(List.of(), catalogs.release("c1"));
    assertEquals(1, catalogs.size());
  }

  @Test
  void theLeastRecentlyUsedUnusedCatalogsAreDetachedBeyondTheBound() {
    SharedCatalogs catalogs = new SharedCatalogs();
    int max = SharedCatalogs.MAX_CATALOGS;
    for (int i = 0; i < max; i++) {
      assertTrue(catalogs.adopt("v" + i, "c" + i));
      assertEquals(List.of(), catalogs.release("c" + i));
    }
    // c0 is used again, so c1 is now the least recently used; c5 is in use
    assertEquals(Optional.of("c0"), catalogs.acquire("v0"));
    assertEquals(List.of(), catalogs.release("c0"));
    assertEquals(Optional.of("c5"), catalogs.acquire("v5"));
    List<String> evicted = new ArrayList<>();
    for (int i = max; i < max + 6; i++) {
      assertTrue(catalogs.adopt("v" + i, "c" + i));
      evicted.addAll(catalogs.release("c" + i));
    }
    assertEquals(List.of("c1", "c2", "c3", "c4", "c6", "c7"), evicted);
    assertEquals(max, catalogs.size());
    assertEquals(Optional.empty(), catalogs.acquire("v1"));
    assertEquals(List.of(), catalogs.release("c5"));
  }
}

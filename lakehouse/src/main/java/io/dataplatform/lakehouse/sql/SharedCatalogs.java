package io.dataplatform.lakehouse.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Statement catalogs that queries share: a query whose catalog would hold exactly the schemas and
 * views another query's catalog holds (the same definitions, so the same data files of the same
 * snapshots) uses that catalog instead of attaching, filling and detaching its own. The catalogs
 * hold views only and queries do not change them. At most {@link #MAX_CATALOGS} are kept; the least
 * recently used ones that no statement uses are detached beyond that. Thread-safe.
 */
final class SharedCatalogs {
  static final int MAX_CATALOGS = 64;

  private static final class Entry {
    final String key;
    final String name;
    int users;

    Entry(String key, String name) {
      this.key = key;
      this.name = name;
    }
  }

  // guarded by this; in access order, so the first entries are the least recently used
  private final LinkedHashMap<String, Entry> byKey = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<String, Entry> byName = new HashMap<>();

  /** The catalog holding exactly {@code definitions}, now used by one more statement. */
  synchronized Optional<String> acquire(String definitions) {
    Entry entry = byKey.get(definitions);
    if (entry == null) {
      return Optional.empty();
    }
    entry.users++;
    return Optional.of(entry.name);
  }

  /**
   * Offers a catalog a statement just filled with {@code definitions}, which that statement uses.
   *
   * @return false when another statement's catalog was adopted for them meanwhile: the offered one
   *     stays the statement's own
   */
  synchronized boolean adopt(String definitions, String catalog) {
    if (byKey.containsKey(definitions)) {
      return false;
    }
    Entry entry = new Entry(definitions, catalog);
    entry.users = 1;
    byKey.put(definitions, entry);
    byName.put(catalog, entry);
    return true;
  }

  /**
   * A statement is done with a shared catalog.
   *
   * @return the catalogs to detach now: unused ones beyond the bound, least recently used first
   */
  synchronized List<String> release(String catalog) {
    Entry released = byName.get(catalog);
    if (released != null) {
      released.users--;
    }
    List<String> evicted = new ArrayList<>();
    Iterator<Entry> oldestFirst = byKey.values().iterator();
    while (byKey.size() > MAX_CATALOGS && oldestFirst.hasNext()) {
      Entry entry = oldestFirst.next();
      if (entry.users == 0) {
        oldestFirst.remove();
        byName.remove(entry.name);
        evicted.add(entry.name);
      }
    }
    return evicted;
  }

  /** How many catalogs are kept, for tests. */
  synchronized int size() {
    return byKey.size();
  }
}

package io.dataplatform.lakehouse.load;

import java.util.LinkedHashMap;
import java.util.Map;

/** Times consecutive phases of one operation: each lap ends a phase and starts the next. */
final class PhaseClock {
  private final Map<String, Long> laps = new LinkedHashMap<>();
  private long last = System.nanoTime();

  /** Ends the current phase under {@code name}, adding to a phase of that name if there was one. */
  void lap(String name) {
    long now = System.nanoTime();
    laps.merge(name, (now - last) / 1_000_000, Long::sum);
    last = now;
  }

  /** The phases so far, in milliseconds, in the order they first ended. */
  Map<String, Long> laps() {
    return new LinkedHashMap<>(laps);
  }
}

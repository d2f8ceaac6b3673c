package io.dataplatform.ingest.cdc;

/**
 * Makes change positions unique: several changes can share one source position (the rows of one
 * binlog event, the delete and insert of a key update, every snapshot row), so each gets a phase
 * digit (snapshot before streaming) and a counter of the changes before it at the same position.
 * The source resends changes in the same order after a restart, so the counters repeat too. Used by
 * the engine thread only.
 */
final class PositionSequence {
  private String lastBase = "";
  private long counter;

  String next(String base, boolean snapshot) {
    if (base.equals(lastBase)) {
      counter++;
    } else {
      lastBase = base;
      counter = 0;
    }
    String digits = Long.toHexString(counter);
    return base + (snapshot ? "0" : "1") + "0".repeat(Math.max(0, 8 - digits.length())) + digits;
  }
}

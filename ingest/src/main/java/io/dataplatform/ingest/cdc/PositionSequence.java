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
    return position(base, snapshot, counter);
  }

  /** The base, the phase digit and the counter as at least 8 hex digits. */
  static String position(String base, boolean snapshot, long counter) {
    StringBuilder position = new StringBuilder(base.length() + 17).append(base);
    position.append(snapshot ? '0' : '1');
    if (counter >>> 32 != 0) {
      return position.append(Long.toHexString(counter)).toString();
    }
    for (int shift = 28; shift >= 0; shift -= 4) {
      position.append(Character.forDigit((int) (counter >>> shift) & 0xf, 16));
    }
    return position.toString();
  }
}

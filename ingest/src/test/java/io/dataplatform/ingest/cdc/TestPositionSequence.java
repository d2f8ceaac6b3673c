package io.dataplatform.ingest.cdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TestPositionSequence {
  @Test
  void changesAtOnePositionAreNumberedInOrder() {
    PositionSequence sequence = new PositionSequence();
    String base = CdcFlavor.hex(0x10) + CdcFlavor.hex(0x20);
    String first = sequence.next(base, false);
    String second = sequence.next(base, false);
    String later = sequence.next(CdcFlavor.hex(0x10) + CdcFlavor.hex(0x21), false);
    assertTrue(first.compareTo(second) < 0, first + " " + second);
    assertTrue(second.compareTo(later) < 0, second + " " + later);
    assertEquals(base + "100000000", first);
    assertEquals(base + "100000001", second);
  }

  @Test
  void snapshotRowsSortBeforeChangesAtTheSamePosition() {
    String base = "mysql-bin.000003/" + CdcFlavor.hex(4096);
    String snapshot = new PositionSequence().next(base, true);
    String change = new PositionSequence().next(base, false);
    assertTrue(snapshot.compareTo(change) < 0, snapshot + " " + change);
  }

  @Test
  void countersHaveAtLeastEightHexDigits() {
    assertEquals("b100000000", PositionSequence.position("b", false, 0));
    assertEquals("b00000000f", PositionSequence.position("b", true, 15));
    assertEquals("b00000abcd", PositionSequence.position("b", true, 0xabcd));
    assertEquals("b1ffffffff", PositionSequence.position("b", false, 0xffff_ffffL));
    assertEquals("b1100000000", PositionSequence.position("b", false, 0x1_0000_0000L));
  }

  @Test
  void hexIsZeroPaddedSoNumbersCompareAsText() {
    assertEquals("00000000000000ff", CdcFlavor.hex(255));
    assertTrue(CdcFlavor.hex(0x1_0000_0000L).compareTo(CdcFlavor.hex(0xffff_ffffL)) > 0);
  }

  @Test
  void hexMatchesTheJdkDigitsPadded() {
    long[] values = {0, 1, 0xf, 0x10, 0x1234_5678_9abcL, Long.MAX_VALUE, -1, Long.MIN_VALUE};
    for (long value : values) {
      String digits = Long.toHexString(value);
      assertEquals("0".repeat(16 - digits.length()) + digits, CdcFlavor.hex(value));
      for (long other : values) {
        assertEquals(CdcFlavor.hex(value) + CdcFlavor.hex(other), CdcFlavor.hex(value, other));
      }
    }
  }
}

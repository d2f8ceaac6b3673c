package io.dataplatform.bench.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestHeapSample {
  private static final String G1_HEADER =
      "    S0C         S1C         S0U         S1U          EC           EU           OC"
          + "           OU          MC         MU       CCSC      CCSU     YGC     YGCT     FGC"
          + "    FGCT     CGC    CGCT       GCT   ";
  private static final long MIB = 1 << 20;

  @Test
  void sumsSurvivorsEdenAndOldGeneration() {
    String line =
        "        0.0      4096.0         0.0      4096.0      49152.0      10240.0      28672.0"
            + "      20480.0    31104.0    30512.6   3712.0    3458.4     12     0.061     0"
            + "     0.000     4     0.004     0.065";
    HeapSample sample = HeapSample.parse(G1_HEADER, line, 7);
    assertEquals(7, sample.nanoTime());
    assertEquals(34 * MIB, sample.usedBytes());
    assertEquals(20 * MIB, sample.oldUsedBytes());
    assertEquals(80 * MIB, sample.capacityBytes());
  }

  @Test
  void readsADashAsZero() {
    String header = "S0C S1C S0U S1U EC EU OC OU CGC CGCT";
    HeapSample sample = HeapSample.parse(header, "1.0 1.0 0.5 0.5 2.0 1.0 4.0 3.0 - -", 0);
    assertEquals(5 * 1024, sample.usedBytes());
  }

  @Test
  void rejectsALineThatDoesNotMatchItsHeader() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> HeapSample.parse("S0C S1C", "1.0", 0));
    assertEquals(
        "Cannot read the heap: jstat line does not match its header (1.0 under S0C S1C)",
        error.getMessage());
  }

  @Test
  void rejectsAHeaderWithoutTheUsedColumns() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> HeapSample.parse("S0C S1C", "1.0 2.0", 0));
    assertEquals("Cannot read the heap: jstat has no column S0U ([S0C, S1C])", error.getMessage());
  }

  @Test
  void growthIsThePeakAgainstTheSampleBefore() {
    HeapSample before = new HeapSample(0, 100 * MIB, 40 * MIB, 512 * MIB);
    List<HeapSample> during =
        List.of(
            new HeapSample(1, 300 * MIB, 45 * MIB, 512 * MIB),
            new HeapSample(2, 150 * MIB, 60 * MIB, 512 * MIB));
    HeapSample after = new HeapSample(3, 120 * MIB, 50 * MIB, 512 * MIB);
    HeapGrowth growth = HeapGrowth.of(before, during, after);
    assertEquals(200 * MIB, growth.growthBytes());
    assertEquals(20 * MIB, growth.oldGrowthBytes());
    assertEquals(3, growth.samples());
    assertEquals(during.get(0), growth.peak());
  }
}

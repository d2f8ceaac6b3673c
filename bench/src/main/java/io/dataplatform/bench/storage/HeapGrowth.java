package io.dataplatform.bench.storage;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The server's heap before, at its peak during, and after one phase of the benchmark. */
public record HeapGrowth(
    HeapSample before, HeapSample peak, long peakOldBytes, HeapSample after, int samples) {
  public HeapGrowth {
    requireNonNull(before, "before");
    requireNonNull(peak, "peak");
    requireNonNull(after, "after");
  }

  /** The peak of {@code during} (the samples of the phase) and of {@code after}. */
  public static HeapGrowth of(HeapSample before, List<HeapSample> during, HeapSample after) {
    List<HeapSample> all = Stream.concat(during.stream(), Stream.of(after)).toList();
    HeapSample peak =
        all.stream().max(Comparator.comparingLong(HeapSample::usedBytes)).orElseThrow();
    long peakOld = all.stream().mapToLong(HeapSample::oldUsedBytes).max().orElseThrow();
    return new HeapGrowth(before, peak, peakOld, after, all.size());
  }

  public long growthBytes() {
    return peak.usedBytes() - before.usedBytes();
  }

  public long oldGrowthBytes() {
    return peakOldBytes - before.oldUsedBytes();
  }
}

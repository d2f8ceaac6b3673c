package io.dataplatform.orchestrator.asset;

import io.dataplatform.api.DpException;
import java.util.ArrayList;
import java.util.List;

/**
 * A range of partitions split into at most {@code maxRuns} runs of contiguous partitions, as even
 * as possible (sizes differ by at most one, larger batches first).
 */
public record BackfillPlan(List<Batch> batches, int partitionCount) {
  /** The partitions one run covers. */
  public record Batch(String from, String to, int count) {}

  public BackfillPlan {
    batches = List.copyOf(batches);
  }

  public static BackfillPlan of(List<String> partitions, int maxRuns) {
    if (maxRuns < 1) {
      throw DpException.user("Cannot plan backfill: max runs must be at least 1 (" + maxRuns + ")");
    }
    if (partitions.isEmpty()) {
      throw DpException.user("Cannot plan backfill: the range holds no partitions ()");
    }
    int total = partitions.size();
    int runs = Math.min(maxRuns, total);
    int base = total / runs;
    int larger = total % runs;
    List<Batch> batches = new ArrayList<>(runs);
    int start = 0;
    for (int i = 0; i < runs; i++) {
      int size = base + (i < larger ? 1 : 0);
      batches.add(new Batch(partitions.get(start), partitions.get(start + size - 1), size));
      start += size;
    }
    return new BackfillPlan(batches, total);
  }
}

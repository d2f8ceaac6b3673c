package io.dataplatform.bench.storage;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Durations of the timed runs, per operation; the report uses their medians. */
final class Measurements {
  /** One timed operation, on the store or on the file-I/O baseline. */
  enum Operation {
    STORE_PUT,
    STORE_GET,
    STORE_SMALL_PUTS,
    FILE_WRITE,
    FILE_READ,
    FILE_SMALL_WRITES,
    LOOPBACK_TRANSFER,
    MD5_DIGEST
  }

  private final Map<Operation, List<Long>> nanos = new EnumMap<>(Operation.class);

  void add(Operation operation, long durationNanos) {
    nanos.computeIfAbsent(operation, key -> new ArrayList<>()).add(durationNanos);
  }

  /** The median duration in nanoseconds (the mean of the two middle ones for an even count). */
  double median(Operation operation) {
    List<Long> sorted = nanos.getOrDefault(operation, List.of()).stream().sorted().toList();
    if (sorted.isEmpty()) {
      throw new IllegalStateException("Cannot take a median: no run of " + operation);
    }
    int middle = sorted.size() / 2;
    if (sorted.size() % 2 == 1) {
      return sorted.get(middle);
    }
    return (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
  }
}

package io.dataplatform.bench.storage;

import java.util.Arrays;
import java.util.List;

/**
 * One reading of a JVM's heap, from a line of {@code jstat -gc}: used is survivor, eden and old
 * generation together (garbage not yet collected included), old is the old generation alone (where
 * G1 also puts humongous objects such as large buffers).
 */
public record HeapSample(long nanoTime, long usedBytes, long oldUsedBytes, long capacityBytes) {
  private static final List<String> USED = List.of("S0U", "S1U", "EU", "OU");
  private static final List<String> CAPACITY = List.of("S0C", "S1C", "EC", "OC");

  /**
   * Parses one data line of {@code jstat -gc} given its header line; sizes there are in KiB.
   *
   * @throws IllegalArgumentException when the line does not match the header
   */
  static HeapSample parse(String header, String line, long nanoTime) {
    List<String> names = Arrays.asList(header.trim().split("\\s+"));
    String[] values = line.trim().split("\\s+");
    if (values.length != names.size()) {
      throw new IllegalArgumentException(
          "Cannot read the heap: jstat line does not match its header ("
              + line.trim()
              + " under "
              + header.trim()
              + ")");
    }
    long used = 0;
    long capacity = 0;
    for (String name : USED) {
      used += kibibytes(names, values, name);
    }
    for (String name : CAPACITY) {
      capacity += kibibytes(names, values, name);
    }
    return new HeapSample(nanoTime, used, kibibytes(names, values, "OU"), capacity);
  }

  private static long kibibytes(List<String> names, String[] values, String name) {
    int index = names.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException(
          "Cannot read the heap: jstat has no column " + name + " (" + names + ")");
    }
    String value = values[index];
    if (value.equals("-")) {
      return 0;
    }
    try {
      return Math.round(Double.parseDouble(value) * 1024);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Cannot read the heap: column " + name + " is not a number (" + value + ")", e);
    }
  }
}

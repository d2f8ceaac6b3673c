package io.dataplatform.lakehouse.write;

import java.util.Arrays;

/**
 * The distinct values of a byte-array column in one row group, in the order they came, with their
 * PLAIN encoding (the content of the dictionary page). Bounded: once full, values not in it get no
 * index and the column's later pages are written PLAIN.
 */
final class ByteDictionary {
  private final int maxEntries;
  private final int maxBytes;
  private final ByteSink plain = new ByteSink(1 << 12);
  private int[] starts = new int[256];
  private int[] lengths = new int[256];
  private int[] hashes = new int[256];
  private int[] slots = newSlots(1024);
  private int size;
  private boolean added;

  ByteDictionary(int maxEntries, int maxBytes) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
  }

  int size() {
    return size;
  }

  /** The dictionary page's content: each value's length and bytes. */
  ByteSink plain() {
    return plain;
  }

  /** Whether the last {@link #indexOf} added its value. */
  boolean added() {
    return added;
  }

  /**
   * The index of {@code data[from, from + length)}, added when new.
   *
   * @return -1 when the value is new and the dictionary is full
   */
  int indexOf(byte[] data, int from, int length) {
    int hash = hash(data, from, length);
    int mask = slots.length - 1;
    int slot = hash & mask;
    added = false;
    while (slots[slot] >= 0) {
      int entry = slots[slot];
      if (hashes[entry] == hash
          && lengths[entry] == length
          && Arrays.equals(
              plain.array(), starts[entry], starts[entry] + length, data, from, from + length)) {
        return entry;
      }
      slot = (slot + 1) & mask;
    }
    if (size == maxEntries || plain.size() + 4L + length > maxBytes) {
      return -1;
    }
    if (size == starts.length) {
      starts = Arrays.copyOf(starts, 2 * size);
      lengths = Arrays.copyOf(lengths, 2 * size);
      hashes = Arrays.copyOf(hashes, 2 * size);
    }
    plain.writeIntLittleEndian(length);
    starts[size] = plain.size();
    lengths[size] = length;
    hashes[size] = hash;
    plain.write(data, from, length);
    slots[slot] = size;
    size++;
    added = true;
    if (2 * size > slots.length) {
      rehash();
    }
    return size - 1;
  }

  void clear() {
    plain.reset();
    Arrays.fill(slots, -1);
    size = 0;
  }

  private void rehash() {
    slots = newSlots(2 * slots.length);
    int mask = slots.length - 1;
    for (int entry = 0; entry < size; entry++) {
      int slot = hashes[entry] & mask;
      while (slots[slot] >= 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = entry;
    }
  }

  private static int[] newSlots(int count) {
    int[] slots = new int[count];
    Arrays.fill(slots, -1);
    return slots;
  }

  private static int hash(byte[] data, int from, int length) {
    int hash = length;
    for (int i = from; i < from + length; i++) {
      hash = hash * 0x01000193 ^ data[i];
    }
    return hash ^ (hash >>> 16);
  }
}

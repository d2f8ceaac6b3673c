package io.dataplatform.lakehouse.write;

import static io.dataplatform.lakehouse.write.ByteSink.INT;
import static io.dataplatform.lakehouse.write.ByteSink.LONG;

import java.util.Arrays;

/**
 * The minimum and maximum of one column chunk's values, in the order of its {@link
 * ParquetColumnType}, encoded as Parquet statistics once the chunk is written.
 */
final class ChunkStatistics {
  /** Longer string minimums and maximums are not written: readers would take them as exact. */
  private static final int MAX_STATISTICS_BYTES = 1024;

  private final ParquetColumnType type;
  private boolean any;
  private long minimum;
  private long maximum;
  private boolean sawFalse;
  private boolean sawTrue;
  private byte[] minimumBytes = new byte[16];
  private int minimumLength;
  private byte[] maximumBytes = new byte[16];
  private int maximumLength;

  ChunkStatistics(ParquetColumnType type) {
    this.type = type;
  }

  /** Takes the little-endian numbers of {@code width} bytes in {@code values[from, to)}. */
  void signed(byte[] values, int from, int to, int width) {
    if (from == to) {
      return;
    }
    long low = any ? minimum : Long.MAX_VALUE;
    long high = any ? maximum : Long.MIN_VALUE;
    for (int position = from; position < to; position += width) {
      long value = width == 8 ? (long) LONG.get(values, position) : (int) INT.get(values, position);
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
    minimum = low;
    maximum = high;
    any = true;
  }

  void bool(boolean value) {
    if (value) {
      sawTrue = true;
    } else {
      sawFalse = true;
    }
  }

  /** Takes the bytes {@code data[from, from + length)}, ordered as unsigned bytes. */
  void bytes(byte[] data, int from, int length) {
    if (!any) {
      minimumBytes = keep(minimumBytes, data, from, length);
      minimumLength = length;
      maximumBytes = keep(maximumBytes, data, from, length);
      maximumLength = length;
      any = true;
      return;
    }
    if (length > 0 && minimumLength > 0 && maximumLength > 0) {
      // most values are told apart from both bounds by their first byte
      int first = data[from] & 0xFF;
      if (first > (minimumBytes[0] & 0xFF) && first < (maximumBytes[0] & 0xFF)) {
        return;
      }
    }
    if (Arrays.compareUnsigned(data, from, from + length, minimumBytes, 0, minimumLength) < 0) {
      minimumBytes = keep(minimumBytes, data, from, length);
      minimumLength = length;
    } else if (Arrays.compareUnsigned(data, from, from + length, maximumBytes, 0, maximumLength)
        > 0) {
      maximumBytes = keep(maximumBytes, data, from, length);
      maximumLength = length;
    }
  }

  private static byte[] keep(byte[] target, byte[] data, int from, int length) {
    byte[] result =
        target.length >= length ? target : new byte[Math.max(length, 2 * target.length)];
    System.arraycopy(data, from, result, 0, length);
    return result;
  }

  /** The minimum in statistics encoding, or null when there is none to write. */
  byte[] minimum() {
    return encoded(true);
  }

  /** The maximum in statistics encoding, or null when there is none to write. */
  byte[] maximum() {
    return encoded(false);
  }

  private byte[] encoded(boolean lower) {
    return switch (type.order()) {
      case SIGNED -> {
        if (!any) {
          yield null;
        }
        long value = lower ? minimum : maximum;
        byte[] bytes = new byte[type.width()];
        if (bytes.length == 8) {
          LONG.set(bytes, 0, value);
        } else {
          INT.set(bytes, 0, (int) value);
        }
        yield bytes;
      }
      case BOOLEAN -> {
        if (!sawFalse && !sawTrue) {
          yield null;
        }
        boolean value = lower ? !sawFalse : sawTrue;
        yield new byte[] {(byte) (value ? 1 : 0)};
      }
      case UNSIGNED_BYTES -> {
        if (!any || minimumLength > MAX_STATISTICS_BYTES || maximumLength > MAX_STATISTICS_BYTES) {
          yield null;
        }
        yield lower
            ? Arrays.copyOf(minimumBytes, minimumLength)
            : Arrays.copyOf(maximumBytes, maximumLength);
      }
      case NONE -> null;
    };
  }

  /** Forgets the values, for the next chunk. */
  void clear() {
    any = false;
    sawFalse = false;
    sawTrue = false;
  }
}

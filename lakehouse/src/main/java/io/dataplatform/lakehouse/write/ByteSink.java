package io.dataplatform.lakehouse.write;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A growable byte array written in order: little-endian numbers, ULEB128 varints, raw bytes. */
final class ByteSink {
  static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] bytes;
  private int size;

  ByteSink(int capacity) {
    bytes = new byte[Math.max(16, capacity)];
  }

  int size() {
    return size;
  }

  /** The backing array; its first {@link #size} bytes are the content. */
  byte[] array() {
    return bytes;
  }

  void reset() {
    size = 0;
  }

  /** Makes room for {@code more} bytes after the content. */
  void reserve(int more) {
    long needed = (long) size + more;
    if (needed > bytes.length) {
      if (needed > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("Cannot buffer Parquet data: more than 2 GB in one buffer");
      }
      bytes = Arrays.copyOf(bytes, (int) Math.max(needed, Math.min(2L * bytes.length, 1L << 30)));
    }
  }

  /** Grows the content by {@code count} bytes written directly into {@link #array}. */
  void skip(int count) {
    reserve(count);
    size += count;
  }

  void write(int value) {
    reserve(1);
    bytes[size++] = (byte) value;
  }

  void write(byte[] source, int offset, int length) {
    reserve(length);
    System.arraycopy(source, offset, bytes, size, length);
    size += length;
  }

  void writeIntLittleEndian(int value) {
    reserve(4);
    INT.set(bytes, size, value);
    size += 4;
  }

  void writeLongLittleEndian(long value) {
    reserve(8);
    LONG.set(bytes, size, value);
    size += 8;
  }

  /** Overwrites four bytes already written. */
  void setIntLittleEndian(int position, int value) {
    INT.set(bytes, position, value);
  }

  /** An unsigned LEB128 varint. */
  void writeVarint(long value) {
    reserve(10);
    long rest = value;
    while ((rest & ~0x7FL) != 0) {
      bytes[size++] = (byte) ((rest & 0x7F) | 0x80);
      rest >>>= 7;
    }
    bytes[size++] = (byte) rest;
  }
}

package io.dataplatform.lakehouse.write;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes Thrift structures in the compact protocol, the encoding of Parquet page headers and file
 * footers. Fields must be written in increasing id order within a structure; a list of structures
 * is written by {@link #listBegin} followed by a {@link #structBegin()}…{@link #structEnd()} per
 * element.
 */
final class ThriftCompact {
  static final int TYPE_BOOLEAN_TRUE = 1;
  static final int TYPE_BOOLEAN_FALSE = 2;
  static final int TYPE_I16 = 4;
  static final int TYPE_I32 = 5;
  static final int TYPE_I64 = 6;
  static final int TYPE_BINARY = 8;
  static final int TYPE_LIST = 9;
  static final int TYPE_STRUCT = 12;

  private final ByteSink out;
  private final Deque<Integer> outerFields = new ArrayDeque<>();
  private int lastField;

  ThriftCompact(ByteSink out) {
    this.out = out;
  }

  void i16(int field, int value) {
    header(field, TYPE_I16);
    out.writeVarint(zigzag(value));
  }

  void i32(int field, int value) {
    header(field, TYPE_I32);
    out.writeVarint(zigzag(value));
  }

  void i64(int field, long value) {
    header(field, TYPE_I64);
    out.writeVarint(zigzag(value));
  }

  void bool(int field, boolean value) {
    header(field, value ? TYPE_BOOLEAN_TRUE : TYPE_BOOLEAN_FALSE);
  }

  void binary(int field, byte[] value) {
    header(field, TYPE_BINARY);
    out.writeVarint(value.length);
    out.write(value, 0, value.length);
  }

  void string(int field, String value) {
    binary(field, value.getBytes(StandardCharsets.UTF_8));
  }

  /** Starts a structure held in {@code field} of the current structure. */
  void structBegin(int field) {
    header(field, TYPE_STRUCT);
    structBegin();
  }

  /** Starts a structure that is the message itself or an element of a list. */
  void structBegin() {
    outerFields.push(lastField);
    lastField = 0;
  }

  void structEnd() {
    out.write(0);
    lastField = outerFields.pop();
  }

  /** Starts a list in {@code field}; its {@code size} elements of {@code elementType} follow. */
  void listBegin(int field, int elementType, int size) {
    header(field, TYPE_LIST);
    if (size < 15) {
      out.write((size << 4) | elementType);
    } else {
      out.write(0xF0 | elementType);
      out.writeVarint(size);
    }
  }

  /** An element of a list of i32 values. */
  void i32Element(int value) {
    out.writeVarint(zigzag(value));
  }

  /** An element of a list of strings. */
  void stringElement(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeVarint(bytes.length);
    out.write(bytes, 0, bytes.length);
  }

  private void header(int field, int type) {
    int delta = field - lastField;
    if (delta > 0 && delta <= 15) {
      out.write((delta << 4) | type);
    } else {
      out.write(type);
      out.writeVarint(zigzag(field));
    }
    lastField = field;
  }

  private static long zigzag(long value) {
    return (value << 1) ^ (value >> 63);
  }
}

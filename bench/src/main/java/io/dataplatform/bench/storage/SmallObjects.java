package io.dataplatform.bench.storage;

/** Names of the small objects and files, the same on both sides. */
final class SmallObjects {
  private SmallObjects() {}

  static String name(int index) {
    return String.format("object-%06d", index);
  }
}

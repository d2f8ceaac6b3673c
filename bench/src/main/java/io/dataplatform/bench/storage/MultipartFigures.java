package io.dataplatform.bench.storage;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The multipart upload and its read-back, with the server's heap during each, or the reason the
 * heap was not sampled.
 */
record MultipartFigures(
    long bytes,
    long partBytes,
    long uploadNanos,
    long completeNanos,
    long readNanos,
    Optional<HeapGrowth> uploadHeap,
    Optional<HeapGrowth> readHeap,
    String heapNote) {
  MultipartFigures {
    requireNonNull(uploadHeap, "uploadHeap");
    requireNonNull(readHeap, "readHeap");
    requireNonNull(heapNote, "heapNote");
  }

  long parts() {
    return (bytes + partBytes - 1) / partBytes;
  }
}

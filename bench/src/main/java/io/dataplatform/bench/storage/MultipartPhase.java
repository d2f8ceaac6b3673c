package io.dataplatform.bench.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The multipart upload and a GET of the result, with the server's heap sampled before, during and
 * after each when its pid is known.
 */
final class MultipartPhase {
  private static final String KEY = "multipart/object";
  private static final Duration SAMPLE_INTERVAL = Duration.ofMillis(250);
  private static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(15);

  private final S3Workload store;
  private final StorageOptions options;
  private final Optional<Long> serverPid;

  MultipartPhase(S3Workload store, StorageOptions options, Optional<Long> serverPid) {
    this.store = requireNonNull(store, "store");
    this.options = requireNonNull(options, "options");
    this.serverPid = requireNonNull(serverPid, "serverPid");
  }

  MultipartFigures run() throws IOException, InterruptedException {
    if (serverPid.isEmpty()) {
      return measure(null, "no server pid: give --server-pid with --endpoint");
    }
    HeapSampler sampler;
    HeapSample first;
    try {
      sampler = HeapSampler.start(serverPid.get(), SAMPLE_INTERVAL);
    } catch (IOException e) {
      return measure(null, e.getMessage());
    }
    try (sampler) {
      try {
        first = sampler.awaitNext(SAMPLE_TIMEOUT);
      } catch (IOException e) {
        return measure(null, e.getMessage());
      }
      StorageBench.progress(
          "server heap before the multipart upload: "
              + first.usedBytes() / StorageOptions.MIB
              + " MiB used");
      return measure(sampler, "");
    }
  }

  private MultipartFigures measure(HeapSampler sampler, String note)
      throws IOException, InterruptedException {
    long bytes = options.multipartBytes();
    long partBytes = options.partBytes();
    StorageBench.progress(
        "multipart upload of "
            + bytes / StorageOptions.MIB
            + " MiB in parts of "
            + partBytes / StorageOptions.MIB
            + " MiB");
    HeapSample before = sample(sampler);
    long uploadStart = System.nanoTime();
    S3Workload.UploadTiming upload = store.multipartUpload(KEY, bytes, partBytes);
    long uploadEnd = System.nanoTime();
    HeapSample afterUpload = sample(sampler);
    long size = store.size(KEY);
    if (size != bytes) {
      throw new IOException(
          "Cannot verify the multipart upload: the store reports " + size + " bytes, not " + bytes);
    }
    long readStart = System.nanoTime();
    long readNanos = store.get(KEY, bytes);
    long readEnd = System.nanoTime();
    HeapSample afterRead = sample(sampler);
    store.delete(KEY);
    Optional<HeapGrowth> uploadHeap = Optional.empty();
    Optional<HeapGrowth> readHeap = Optional.empty();
    if (sampler != null) {
      uploadHeap =
          Optional.of(HeapGrowth.of(before, sampler.between(uploadStart, uploadEnd), afterUpload));
      readHeap =
          Optional.of(HeapGrowth.of(afterUpload, sampler.between(readStart, readEnd), afterRead));
    }
    return new MultipartFigures(
        bytes,
        partBytes,
        upload.totalNanos(),
        upload.completeNanos(),
        readNanos,
        uploadHeap,
        readHeap,
        note);
  }

  private static HeapSample sample(HeapSampler sampler) throws IOException, InterruptedException {
    return sampler == null ? null : sampler.awaitNext(SAMPLE_TIMEOUT);
  }
}

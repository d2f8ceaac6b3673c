package io.dataplatform.storage.disk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Copies a payload to its file while computing its MD5. For large payloads the digest runs on
 * another thread, one buffer behind the copy: MD5 is the slowest step of a PUT and cannot itself be
 * split, so overlapping it with receiving and writing is what makes large uploads faster.
 */
final class DigestingCopy {
  /** Payloads of at least this many bytes (or of unknown length) are digested alongside. */
  static final long PARALLEL_FROM = 1 << 20;

  private static final int SMALL_BUFFER = 64 * 1024;
  private static final int BUFFER = 256 * 1024;
  private static final int BUFFERS = 3;
  private static final ExecutorService DIGESTS =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "dp-s3-digest");
            thread.setDaemon(true);
            return thread;
          });

  private DigestingCopy() {}

  /**
   * Copies {@code in} to {@code out} and feeds every byte to {@code md5}, in order.
   *
   * @param expectedLength the declared length, or -1 when unknown
   * @return the number of bytes copied
   */
  static long copy(InputStream in, OutputStream out, MessageDigest md5, long expectedLength)
      throws IOException {
    if (expectedLength >= 0 && expectedLength < PARALLEL_FROM) {
      return copyInline(in, out, md5, (int) Math.max(1, Math.min(SMALL_BUFFER, expectedLength)));
    }
    byte[][] buffers = new byte[BUFFERS][BUFFER];
    CompletableFuture<?>[] digested = new CompletableFuture<?>[BUFFERS];
    CompletableFuture<Void> digest = CompletableFuture.completedFuture(null);
    long total = 0;
    int index = 0;
    try {
      while (true) {
        if (digested[index] != null) {
          digested[index].join();
        }
        byte[] buffer = buffers[index];
        int filled = fill(in, buffer);
        if (filled > 0) {
          out.write(buffer, 0, filled);
          digest = digest.thenRunAsync(() -> md5.update(buffer, 0, filled), DIGESTS);
          digested[index] = digest;
          total += filled;
          index = (index + 1) % BUFFERS;
        }
        if (filled < buffer.length) {
          break;
        }
      }
      digest.join();
    } catch (CompletionException e) {
      throw new IOException("Cannot compute the object's MD5: " + e.getCause(), e.getCause());
    } finally {
      // the caller discards the digest on failure, but no buffer may be reused while in use
      try {
        digest.join();
      } catch (CompletionException e) {
        // reported above when the copy itself succeeded
      }
    }
    return total;
  }

  /** Copies in one thread, with a buffer no larger than the payload (4 KiB PUTs are common). */
  private static long copyInline(
      InputStream in, OutputStream out, MessageDigest md5, int bufferSize) throws IOException {
    byte[] buffer = new byte[bufferSize];
    long total = 0;
    int read;
    while ((read = in.read(buffer)) >= 0) {
      md5.update(buffer, 0, read);
      out.write(buffer, 0, read);
      total += read;
    }
    return total;
  }

  /** Reads until the buffer is full or the stream ends; fewer bytes than its size mean the end. */
  private static int fill(InputStream in, byte[] buffer) throws IOException {
    int filled = 0;
    while (filled < buffer.length) {
      int read = in.read(buffer, filled, buffer.length - filled);
      if (read < 0) {
        break;
      }
      filled += read;
    }
    return filled;
  }
}

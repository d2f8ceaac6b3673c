package io.dataplatform.storage.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestDigestingCopy {
  private static byte[] bytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  /** A stream that hands out at most {@code step} bytes per read, like a network socket. */
  private static InputStream trickle(byte[] bytes, int step) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] buffer, int offset, int length) {
        return super.read(buffer, offset, Math.min(length, step));
      }
    };
  }

  @Test
  void copiesAndDigestsEverySizeAroundTheBufferBoundaries() throws Exception {
    int buffer = 256 * 1024;
    for (int size :
        new int[] {0, 1, 4096, buffer - 1, buffer, buffer + 1, 3 * buffer, 7 * buffer + 13}) {
      for (long declared : new long[] {size, -1}) {
        byte[] payload = bytes(size);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        long copied = DigestingCopy.copy(trickle(payload, 10_000), out, md5, declared);
        assertEquals(size, copied, "size " + size);
        assertArrayEquals(payload, out.toByteArray(), "bytes of size " + size);
        assertArrayEquals(
            MessageDigest.getInstance("MD5").digest(payload), md5.digest(), "md5 of size " + size);
      }
    }
  }

  @Test
  void aFailingPayloadFailsTheCopy() {
    byte[] payload = bytes(2 << 20);
    InputStream failing =
        new ByteArrayInputStream(payload) {
          @Override
          public synchronized int read(byte[] buffer, int offset, int length) {
            if (pos >= (1 << 20)) {
              throw new java.io.UncheckedIOException(new IOException("connection reset"));
            }
            return super.read(buffer, offset, Math.min(length, 65536));
          }
        };
    java.io.UncheckedIOException error =
        assertThrows(
            java.io.UncheckedIOException.class,
            () ->
                DigestingCopy.copy(
                    failing,
                    new ByteArrayOutputStream(),
                    MessageDigest.getInstance("MD5"),
                    payload.length));
    assertEquals("connection reset", error.getCause().getMessage());
  }
}

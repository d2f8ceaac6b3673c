package io.dataplatform.bench.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Deterministic, incompressible object content of any length, generated on the fly: the byte at
 * position {@code p} is {@code block[p % block.length]} for one random block. Writers stream it
 * without holding an object in memory, and readers check every byte they get back against it.
 */
final class PatternData {
  /** Not a power of two, so that 1 MiB reads and block boundaries do not line up. */
  static final int BLOCK_LENGTH = (1 << 20) + 4099;

  private final byte[] block = new byte[BLOCK_LENGTH];

  PatternData(long seed) {
    new SplittableRandom(seed).nextBytes(block);
  }

  /** Copies the content at {@code position} into {@code target}. */
  void fill(long position, byte[] target, int offset, int length) {
    int done = 0;
    while (done < length) {
      int start = (int) ((position + done) % BLOCK_LENGTH);
      int count = Math.min(length - done, BLOCK_LENGTH - start);
      System.arraycopy(block, start, target, offset + done, count);
      done += count;
    }
  }

  /** The content from {@code position} on, {@code length} bytes of it. */
  byte[] bytes(long position, int length) {
    byte[] bytes = new byte[length];
    fill(position, bytes, 0, length);
    return bytes;
  }

  /** Index of the first byte of {@code data} that differs from the content, or -1. */
  int mismatch(long position, byte[] data, int offset, int length) {
    int done = 0;
    while (done < length) {
      int start = (int) ((position + done) % BLOCK_LENGTH);
      int count = Math.min(length - done, BLOCK_LENGTH - start);
      int differs =
          Arrays.mismatch(block, start, start + count, data, offset + done, offset + done + count);
      if (differs >= 0) {
        return done + differs;
      }
      done += count;
    }
    return -1;
  }

  /** A stream of {@code length} bytes of the content from {@code start} on. */
  InputStream stream(long start, long length) {
    return new PatternStream(start, length);
  }

  /**
   * Reads {@code in} to its end in 1 MiB reads and checks that it holds exactly {@code length}
   * bytes of the content from {@code start} on.
   */
  void verify(InputStream in, long start, long length, String what) throws IOException {
    byte[] buffer = new byte[1 << 20];
    long position = 0;
    int read;
    while ((read = in.readNBytes(buffer, 0, buffer.length)) > 0) {
      if (position + read > length) {
        throw new IOException(
            "Cannot verify " + what + ": longer than written (" + length + " bytes)");
      }
      int differs = mismatch(start + position, buffer, 0, read);
      if (differs >= 0) {
        throw new IOException(
            "Cannot verify " + what + ": byte differs at offset (" + (position + differs) + ")");
      }
      position += read;
    }
    if (position != length) {
      throw new IOException("Cannot verify " + what + ": read " + position + " bytes of " + length);
    }
  }

  private final class PatternStream extends InputStream {
    private long position;
    private final long end;

    PatternStream(long start, long length) {
      this.position = start;
      this.end = start + length;
    }

    @Override
    public int read() {
      if (position >= end) {
        return -1;
      }
      return block[(int) (position++ % BLOCK_LENGTH)] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
      if (length == 0) {
        return 0;
      }
      if (position >= end) {
        return -1;
      }
      int count = (int) Math.min(length, end - position);
      fill(position, target, offset, count);
      position += count;
      return count;
    }

    @Override
    public int available() {
      return (int) Math.min(Integer.MAX_VALUE, end - position);
    }
  }
}

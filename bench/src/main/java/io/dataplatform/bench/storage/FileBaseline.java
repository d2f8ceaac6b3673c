package io.dataplatform.bench.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The baseline: the same bytes written and read with plain Java file I/O. Every file is fsynced
 * before it counts as written, as the object store fsyncs every object it commits.
 */
final class FileBaseline {
  private static final int CHUNK = 1 << 20;

  private final PatternData data;

  FileBaseline(PatternData data) {
    this.data = requireNonNull(data, "data");
  }

  /** Writes {@code length} bytes to a new file in 1 MiB writes, fsyncs it; returns nanoseconds. */
  long writeLarge(Path file, long length) throws IOException {
    byte[] chunk = new byte[CHUNK];
    long started = System.nanoTime();
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long position = 0;
      while (position < length) {
        int count = (int) Math.min(CHUNK, length - position);
        data.fill(position, chunk, 0, count);
        ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, count);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        position += count;
      }
      channel.force(true);
    }
    return System.nanoTime() - started;
  }

  /** Reads the file back in 1 MiB reads, checking every byte; returns nanoseconds. */
  long readLarge(Path file, long length) throws IOException {
    long started = System.nanoTime();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        InputStream in = Channels.newInputStream(channel)) {
      data.verify(in, 0, length, "file " + file);
    }
    return System.nanoTime() - started;
  }

  /**
   * Writes {@code count} new files of {@code size} bytes into {@code directory}, each fsynced, from
   * {@code clients} threads at once; returns nanoseconds.
   */
  long writeSmall(Path directory, int count, int size, int clients) throws IOException {
    Files.createDirectories(directory);
    long started = System.nanoTime();
    Concurrently.run(
        count,
        clients,
        i -> {
          ByteBuffer buffer = ByteBuffer.wrap(data.bytes((long) i * size, size));
          Path file = directory.resolve(SmallObjects.name(i));
          try (FileChannel channel =
              FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (buffer.hasRemaining()) {
              channel.write(buffer);
            }
            channel.force(true);
          }
        });
    return System.nanoTime() - started;
  }
}

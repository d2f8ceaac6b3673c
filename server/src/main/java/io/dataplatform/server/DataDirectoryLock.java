package io.dataplatform.server;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on {@code <data>/dp.lock}, held while a server uses the data directory, so a
 * second server fails fast instead of corrupting it. The lock file holds the owner's pid for the
 * message; the OS releases the lock when the process dies, even by {@code kill -9}.
 */
public final class DataDirectoryLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  public static DataDirectoryLock acquire(Path dataDirectory) {
    Path file = dataDirectory.resolve("dp.lock");
    try {
      Files.createDirectories(dataDirectory);
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        String owner = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
        channel.close();
        throw new DpException(
            StandardErrorCode.CONFLICT,
            "Cannot start: another dp process (pid "
                + (owner.isEmpty() ? "unknown" : owner)
                + ") is using the data directory; stop it or use --data with another directory ("
                + dataDirectory
                + ")");
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)),
          0);
      channel.force(true);
      return new DataDirectoryLock(channel, lock);
    } catch (IOException e) {
      throw new DpException(
          StandardErrorCode.INVALID_CONFIGURATION,
          "Cannot use data directory: " + e.getMessage() + " (" + dataDirectory + ")",
          e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the process is ending; the OS drops the lock anyway
    }
  }
}

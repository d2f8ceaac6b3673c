package io.dataplatform.storage.disk;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** File system steps that make a write survive a crash: fsync and atomic rename. */
final class Durability {
  private Durability() {}

  static void fsync(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  /** Flushes a directory's entries (creations, renames, deletions) to disk. */
  static void fsyncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory for reading; their renames are durable anyway.
      if (!System.getProperty("os.name", "").toLowerCase().contains("win")) {
        throw e;
      }
    }
  }

  /** Renames {@code source} onto {@code target} atomically and makes the rename durable. */
  static void commit(Path source, Path target) throws IOException {
    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    fsyncDirectory(target.getParent());
  }

  /** Deletes a file tree; missing entries are ignored. */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}

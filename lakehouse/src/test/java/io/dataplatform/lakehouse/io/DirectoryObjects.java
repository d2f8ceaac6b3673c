package io.dataplatform.lakehouse.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/** Objects as files of a directory ({@code <root>/<bucket>/<key>}), counting the writes. */
public final class DirectoryObjects implements LakeObjects {
  public final AtomicInteger puts = new AtomicInteger();
  private final Path root;

  public DirectoryObjects(Path root) {
    this.root = root;
  }

  private Path file(String bucket, String key) {
    return root.resolve(bucket).resolve(key);
  }

  @Override
  public OptionalLong length(String bucket, String key) {
    Path file = file(bucket, key);
    try {
      return Files.isRegularFile(file) ? OptionalLong.of(Files.size(file)) : OptionalLong.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Optional<InputStream> open(String bucket, String key) {
    try {
      return Optional.of(Files.newInputStream(file(bucket, key)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void put(String bucket, String key, InputStream body, long length) {
    Path file = file(bucket, key);
    try {
      Files.createDirectories(file.getParent());
      Path temporary = Files.createTempFile(file.getParent(), "put-", ".tmp");
      long copied = Files.copy(body, temporary, StandardCopyOption.REPLACE_EXISTING);
      if (copied != length) {
        Files.delete(temporary);
        throw new IllegalStateException(
            "Cannot store object: " + copied + " bytes instead of " + length);
      }
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      puts.incrementAndGet();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void delete(String bucket, String key) {
    try {
      Files.deleteIfExists(file(bucket, key));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

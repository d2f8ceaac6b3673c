package io.dataplatform.storage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * The access-key file: JSON whose secrets are sealed by {@link SecretCipher}. Written whole to a
 * temporary file, flushed to disk and renamed over the old one, so a crash leaves either the old or
 * the new content.
 */
final class KeyFile {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** One stored key; {@code sealedSecret} is the output of {@link SecretCipher#seal}. */
  record StoredKey(String accessKeyId, String description, String createdAt, String sealedSecret) {}

  /** The file's content; {@code root} is absent until a root pair was generated. */
  record Content(int version, StoredKey root, List<StoredKey> keys) {
    Content {
      keys = keys == null ? List.of() : List.copyOf(keys);
    }

    Optional<StoredKey> storedRoot() {
      return Optional.ofNullable(root);
    }
  }

  private final Path file;

  KeyFile(Path file) {
    this.file = file;
  }

  Path path() {
    return file;
  }

  Content read() {
    if (!Files.exists(file)) {
      return new Content(1, null, List.of());
    }
    try {
      return MAPPER.readValue(file.toFile(), Content.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read access-key file (%s)".formatted(file), e);
    }
  }

  void write(Content content) {
    try {
      Path directory = file.toAbsolutePath().getParent();
      Files.createDirectories(directory);
      Path temporary = Files.createTempFile(directory, ".access-keys", ".tmp");
      try {
        restrictToOwner(temporary);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
          channel.write(ByteBuffer.wrap(MAPPER.writeValueAsBytes(content)));
          channel.force(true);
        }
        Files.move(
            temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel directoryChannel = FileChannel.open(directory, StandardOpenOption.READ)) {
          directoryChannel.force(true);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write access-key file (%s)".formatted(file), e);
    }
  }

  private static void restrictToOwner(Path path) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the storage directory's permissions protect the file
    }
  }
}

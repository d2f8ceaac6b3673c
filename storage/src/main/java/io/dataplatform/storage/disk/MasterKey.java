package io.dataplatform.storage.disk;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit key that wraps every object's data key. It is kept in a file readable only by its
 * owner ({@code <data>/storage/master.key}) or passed base64-encoded in {@code DP_MASTER_KEY}.
 * Losing it makes every encrypted object unreadable.
 */
public record MasterKey(byte[] bytes) {
  /** Length of the key in bytes. */
  public static final int LENGTH = 32;

  public MasterKey {
    requireNonNull(bytes, "bytes");
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "Cannot use master key: it must be %d bytes (got %d)".formatted(LENGTH, bytes.length));
    }
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** A fresh random key. */
  public static MasterKey generate() {
    byte[] bytes = new byte[LENGTH];
    new SecureRandom().nextBytes(bytes);
    return new MasterKey(bytes);
  }

  /** Parses the base64 form, as {@code DP_MASTER_KEY} carries it. */
  public static MasterKey fromBase64(String encoded) {
    requireNonNull(encoded, "encoded");
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(encoded.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Cannot read master key: it is not valid base64", e);
    }
    return new MasterKey(bytes);
  }

  /** Reads the key file written by {@link #save(Path)}. */
  public static MasterKey load(Path file) {
    requireNonNull(file, "file");
    try {
      return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read master key file (%s)".formatted(file), e);
    }
  }

  /** Loads the key file, or creates it with a fresh key when it does not exist yet. */
  public static MasterKey loadOrGenerate(Path file) {
    requireNonNull(file, "file");
    if (Files.exists(file)) {
      return load(file);
    }
    MasterKey key = generate();
    try {
      key.save(file);
      return key;
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof FileAlreadyExistsException) {
        return load(file);
      }
      throw e;
    }
  }

  /**
   * Writes the key, base64-encoded, to a new file readable and writable only by its owner. Refuses
   * to overwrite an existing file: replacing a master key would orphan every encrypted object.
   */
  public void save(Path file) {
    requireNonNull(file, "file");
    try {
      Path directory = file.toAbsolutePath().getParent();
      Files.createDirectories(directory);
      Path temporary = Files.createTempFile(directory, ".master", ".tmp");
      try {
        restrictToOwner(temporary);
        Files.writeString(temporary, toBase64(), StandardCharsets.US_ASCII);
        Durability.fsync(temporary);
        if (Files.exists(file)) {
          throw new FileAlreadyExistsException(file.toString());
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        Durability.fsyncDirectory(directory);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write master key file (%s)".formatted(file), e);
    }
  }

  /** The base64 form accepted by {@link #fromBase64(String)}. */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  SecretKeySpec secretKey() {
    return new SecretKeySpec(bytes, "AES");
  }

  private static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the directory's own permissions protect the key.
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MasterKey that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "MasterKey[redacted]";
  }
}

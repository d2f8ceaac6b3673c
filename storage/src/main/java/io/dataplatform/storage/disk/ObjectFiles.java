package io.dataplatform.storage.disk;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one-file format of a stored object version or multipart part: the (possibly encrypted) bytes,
 * then the serialized {@link ObjectMetadata}, then its length and a magic number. Data and metadata
 * live in one file so that renaming it into place is the single commit point.
 */
final class ObjectFiles {
  private static final long MAGIC = 0x44504f424a000001L; // "DPOBJ" v1
  private static final int FOOTER_LENGTH = Integer.BYTES + Long.BYTES;
  private static final int COPY_BUFFER = 64 * 1024;
  private static final int TRANSFER_BUFFER = 1 << 20;

  /** Room for the serialized metadata and footer of a typical object in a small write's buffer. */
  private static final int METADATA_ALLOWANCE = 2048;

  private static final Set<StandardOpenOption> CREATE_NEW_FOR_WRITING =
      EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  private static final FileAttribute<?> OWNER_ONLY =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
          ? PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
          : null;

  private ObjectFiles() {}

  /** Computes an object's metadata once its size and MD5 are known. */
  @FunctionalInterface
  interface MetadataFactory {
    ObjectMetadata create(long size, String md5Hex);
  }

  /** A fully written, fsynced file not yet visible under any key. */
  record WrittenFile(Path path, ObjectMetadata metadata, byte[] md5) {}

  /** What one stored file holds: its metadata and where its data ends. */
  record StoredFile(Path path, ObjectMetadata metadata, long dataLength) {}

  /**
   * Streams {@code payload} into a new file under {@code temporaryDirectory}, encrypting it when
   * {@code dataKey} is present, checks the length and Content-MD5 the client declared, then appends
   * the metadata and fsyncs. The caller commits the file by renaming it.
   */
  static WrittenFile write(
      Path temporaryDirectory,
      InputStream payload,
      long expectedLength,
      String expectedMd5Base64,
      Optional<byte[]> dataKey,
      MetadataFactory metadataFactory)
      throws IOException {
    NewFile created = createNew(temporaryDirectory);
    Path file = created.path();
    FileChannel channel = created.channel();
    boolean done = false;
    try (payload;
        channel) {
      MessageDigest md5 = md5();
      OutputStream fileStream =
          new BufferedOutputStream(Channels.newOutputStream(channel), bufferSize(expectedLength));
      OutputStream data =
          dataKey.isPresent()
              ? ChunkedEncryption.encrypting(unclosable(fileStream), dataKey.get())
              : unclosable(fileStream);
      long size = DigestingCopy.copy(payload, data, md5, expectedLength);
      data.close();
      byte[] digest = md5.digest();
      checkDeclared(size, expectedLength, digest, expectedMd5Base64);
      ObjectMetadata metadata = metadataFactory.create(size, HexFormat.of().formatHex(digest));
      byte[] serialized = metadata.serialize();
      fileStream.write(serialized);
      fileStream.write(
          ByteBuffer.allocate(FOOTER_LENGTH).putInt(serialized.length).putLong(MAGIC).array());
      fileStream.flush();
      // fdatasync: the data and the file length, not the access times
      channel.force(false);
      done = true;
      return new WrittenFile(file, metadata, digest);
    } finally {
      if (!done) {
        Files.deleteIfExists(file);
      }
    }
  }

  /**
   * A buffer that holds a small payload and its metadata whole, so that the file gets one write;
   * large or unknown payloads get the full copy buffer.
   */
  private static int bufferSize(long expectedLength) {
    if (expectedLength < 0 || expectedLength > COPY_BUFFER) {
      return COPY_BUFFER;
    }
    return (int) Math.min(COPY_BUFFER, expectedLength + METADATA_ALLOWANCE);
  }

  private static String temporaryName() {
    return "write-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + ".tmp";
  }

  /**
   * Creates the file, readable and writable by the owner only, and opens it for writing: one system
   * call where creating a temporary file and opening it again would take three.
   */
  private static NewFile createNew(Path directory) throws IOException {
    for (int attempt = 1; ; attempt++) {
      Path file = directory.resolve(temporaryName());
      try {
        return new NewFile(
            file,
            OWNER_ONLY == null
                ? FileChannel.open(file, CREATE_NEW_FOR_WRITING)
                : FileChannel.open(file, CREATE_NEW_FOR_WRITING, OWNER_ONLY));
      } catch (FileAlreadyExistsException e) {
        if (attempt == 10) {
          throw e;
        }
      }
    }
  }

  private record NewFile(Path path, FileChannel channel) {}

  /** Appends the metadata and footer to a file holding an object's data, then fsyncs it. */
  static void appendMetadata(Path file, ObjectMetadata metadata) throws IOException {
    byte[] serialized = metadata.serialize();
    ByteBuffer buffer =
        ByteBuffer.allocate(serialized.length + FOOTER_LENGTH)
            .put(serialized)
            .putInt(serialized.length)
            .putLong(MAGIC)
            .flip();
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      // fdatasync: the data and the file length, not the access times
      channel.force(false);
    }
  }

  /** Writes a file holding only metadata, such as a delete marker. */
  static WrittenFile writeMetadataOnly(Path temporaryDirectory, ObjectMetadata metadata)
      throws IOException {
    return write(
        temporaryDirectory,
        InputStream.nullInputStream(),
        0,
        null,
        Optional.empty(),
        (size, md5) -> metadata);
  }

  static StoredFile read(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long fileSize = channel.size();
      if (fileSize < FOOTER_LENGTH) {
        throw new IOException("Cannot read stored object: file is truncated (%s)".formatted(file));
      }
      ByteBuffer footer = readFully(channel, fileSize - FOOTER_LENGTH, FOOTER_LENGTH);
      int metadataLength = footer.getInt();
      if (footer.getLong() != MAGIC
          || metadataLength < 0
          || metadataLength > fileSize - FOOTER_LENGTH) {
        throw new IOException("Cannot read stored object: footer is damaged (%s)".formatted(file));
      }
      long dataLength = fileSize - FOOTER_LENGTH - metadataLength;
      ByteBuffer serialized = readFully(channel, dataLength, metadataLength);
      return new StoredFile(file, ObjectMetadata.deserialize(serialized.array()), dataLength);
    }
  }

  /**
   * Opens plaintext bytes {@code first..last} (inclusive) of a stored file, decrypting with the
   * unwrapped data key when the file is encrypted.
   */
  static InputStream open(StoredFile stored, Optional<byte[]> dataKey, long first, long last)
      throws IOException {
    FileChannel channel = FileChannel.open(stored.path(), StandardOpenOption.READ);
    if (last < first) {
      channel.close();
      return InputStream.nullInputStream();
    }
    if (dataKey.isPresent()) {
      return ChunkedEncryption.decrypting(
          channel, stored.metadata().size(), dataKey.get(), first, last);
    }
    channel.position(first);
    InputStream in = Channels.newInputStream(channel);
    return new BoundedInputStream(in, last - first + 1);
  }

  private static void checkDeclared(
      long size, long expectedLength, byte[] digest, String expectedMd5Base64) {
    if (expectedLength >= 0 && size != expectedLength) {
      throw StorageErrors.error(
          400,
          "IncompleteBody",
          "Cannot store object: received %d bytes but Content-Length declared %d"
              .formatted(size, expectedLength));
    }
    if (expectedMd5Base64 != null
        && !Base64.getEncoder().encodeToString(digest).equals(expectedMd5Base64)) {
      throw StorageErrors.error(
          400,
          "BadDigest",
          "Cannot store object: the Content-MD5 does not match the bytes received (%s)"
              .formatted(expectedMd5Base64));
    }
  }

  private static ByteBuffer readFully(FileChannel channel, long position, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new IOException("Cannot read stored object: unexpected end of file");
      }
    }
    return buffer.flip();
  }

  static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot compute ETag: MD5 is unavailable", e);
    }
  }

  private static OutputStream unclosable(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
      }

      @Override
      public void close() {
        // the metadata follows through the same buffered stream, which is flushed after it
      }
    };
  }

  /** Reads at most {@code limit} bytes from a stream and closes it when closed. */
  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedInputStream(InputStream in, long limit) {
      this.in = in;
      this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int read = in.read(bytes, offset, (int) Math.min(length, remaining));
      if (read > 0) {
        remaining -= read;
      }
      return read;
    }

    /**
     * Copies the rest in large writes: the HTTP layer sends each write as it comes, so 8 KiB writes
     * (the default) cost a system call and a frame each.
     */
    @Override
    public long transferTo(OutputStream out) throws IOException {
      byte[] buffer = new byte[(int) Math.min(TRANSFER_BUFFER, Math.max(remaining, 1))];
      long total = 0;
      int read;
      while ((read = read(buffer, 0, buffer.length)) >= 0) {
        out.write(buffer, 0, read);
        total += read;
      }
      return total;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}

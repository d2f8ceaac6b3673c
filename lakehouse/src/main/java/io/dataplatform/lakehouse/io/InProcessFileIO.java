package io.dataplatform.lakehouse.io;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.io.SeekableInputStream;

/**
 * Iceberg's view of a warehouse whose store runs in this process: {@code s3://bucket/key} locations
 * read and written through {@link LakeObjects}. A file being written is held in memory up to
 * {@value #MEMORY_BYTES} bytes, beyond that in a temporary file, and stored as one object when its
 * stream is closed, so a failed or abandoned write leaves no object behind.
 */
final class InProcessFileIO implements FileIO {
  /** Bytes of a file being written kept in memory before it goes to a temporary file. */
  static final int MEMORY_BYTES = 8 << 20;

  private final LakeObjects objects;
  private final Path temporaryDirectory;
  private final Map<String, String> properties;

  /**
   * @param temporaryDirectory where files larger than {@value #MEMORY_BYTES} bytes wait until they
   *     are stored
   * @param properties what {@link #properties()} answers (Iceberg reads its manifest cache settings
   *     there)
   */
  InProcessFileIO(LakeObjects objects, Path temporaryDirectory, Map<String, String> properties) {
    this.objects = requireNonNull(objects, "objects");
    this.temporaryDirectory = requireNonNull(temporaryDirectory, "temporaryDirectory");
    this.properties = Map.copyOf(properties);
  }

  @Override
  public InputFile newInputFile(String location) {
    return new ObjectInputFile(location, OptionalLong.empty());
  }

  @Override
  public InputFile newInputFile(String location, long length) {
    return new ObjectInputFile(location, OptionalLong.of(length));
  }

  @Override
  public OutputFile newOutputFile(String location) {
    return new ObjectOutputFile(location);
  }

  @Override
  public void deleteFile(String location) {
    ObjectLocation object = ObjectLocation.of(location);
    objects.delete(object.bucket(), object.key());
  }

  /** Stores a local file as the object at {@code location}, replacing any object there. */
  void putFile(String location, Path file) throws IOException {
    ObjectLocation object = ObjectLocation.of(location);
    try (InputStream in = Files.newInputStream(file)) {
      objects.put(object.bucket(), object.key(), in, Files.size(file));
    }
  }

  @Override
  public Map<String, String> properties() {
    return properties;
  }

  @Override
  public void close() {
    // the store belongs to the platform, which closes it
  }

  private final class ObjectInputFile implements InputFile {
    private final String location;
    private final ObjectLocation object;
    private OptionalLong length;

    ObjectInputFile(String location, OptionalLong length) {
      this.location = location;
      this.object = ObjectLocation.of(location);
      this.length = length;
    }

    @Override
    public long getLength() {
      if (length.isEmpty()) {
        length = objects.length(object.bucket(), object.key());
        if (length.isEmpty()) {
          throw new NotFoundException("Cannot read file: no such object (%s)", location);
        }
      }
      return length.getAsLong();
    }

    @Override
    public SeekableInputStream newStream() {
      return new ObjectInputStream(location, object);
    }

    @Override
    public String location() {
      return location;
    }

    @Override
    public boolean exists() {
      return objects.length(object.bucket(), object.key()).isPresent();
    }
  }

  /**
   * Reads an object sequentially; a seek forward skips, a seek backward reads it again from the
   * start (Iceberg reads metadata files front to back).
   */
  private final class ObjectInputStream extends SeekableInputStream {
    private final String location;
    private final ObjectLocation object;
    private InputStream in;
    private long streamPosition;
    private long position;

    ObjectInputStream(String location, ObjectLocation object) {
      this.location = location;
      this.object = object;
      this.in = open();
    }

    private InputStream open() {
      return objects
          .open(object.bucket(), object.key())
          .orElseThrow(
              () -> new NotFoundException("Cannot read file: no such object (%s)", location));
    }

    @Override
    public long getPos() {
      return position;
    }

    @Override
    public void seek(long newPosition) {
      if (newPosition < 0) {
        throw new IllegalArgumentException(
            "Cannot seek: the position is negative (" + newPosition + ", " + location + ")");
      }
      position = newPosition;
    }

    /** Brings the underlying stream to {@link #position}; false when that is past the end. */
    private boolean reposition() throws IOException {
      if (position < streamPosition) {
        in.close();
        in = open();
        streamPosition = 0;
      }
      while (streamPosition < position) {
        long skipped = in.skip(position - streamPosition);
        if (skipped <= 0) {
          if (in.read() < 0) {
            return false;
          }
          skipped = 1;
        }
        streamPosition += skipped;
      }
      return true;
    }

    @Override
    public int read() throws IOException {
      if (!reposition()) {
        return -1;
      }
      int value = in.read();
      if (value >= 0) {
        streamPosition++;
        position++;
      }
      return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
      if (!reposition()) {
        return -1;
      }
      int read = in.read(buffer, offset, count);
      if (read > 0) {
        streamPosition += read;
        position += read;
      }
      return read;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  private final class ObjectOutputFile implements OutputFile {
    private final String location;
    private final ObjectLocation object;

    ObjectOutputFile(String location) {
      this.location = location;
      this.object = ObjectLocation.of(location);
    }

    @Override
    public PositionOutputStream create() {
      if (objects.length(object.bucket(), object.key()).isPresent()) {
        throw new AlreadyExistsException("Cannot create file: it already exists (%s)", location);
      }
      return createOrOverwrite();
    }

    @Override
    public PositionOutputStream createOrOverwrite() {
      return new ObjectOutputStream(object);
    }

    @Override
    public String location() {
      return location;
    }

    @Override
    public InputFile toInputFile() {
      return newInputFile(location);
    }
  }

  /** The bytes of a file being written, stored as one object when the stream is closed. */
  private final class ObjectOutputStream extends PositionOutputStream {
    private final ObjectLocation object;
    private final Memory memory = new Memory();
    private Path spilled;
    private OutputStream spill;
    private long position;
    private boolean closed;

    ObjectOutputStream(ObjectLocation object) {
      this.object = object;
    }

    @Override
    public long getPos() {
      return position;
    }

    @Override
    public void write(int value) throws IOException {
      write(new byte[] {(byte) value}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int count) throws IOException {
      if (closed) {
        throw new IOException("Cannot write file: its stream is closed (" + object + ")");
      }
      if (spill == null && position + count > MEMORY_BYTES) {
        Files.createDirectories(temporaryDirectory);
        spilled = Files.createTempFile(temporaryDirectory, "upload-", ".tmp");
        spill = new java.io.BufferedOutputStream(Files.newOutputStream(spilled), 1 << 20);
        memory.writeTo(spill);
        memory.reset();
      }
      if (spill != null) {
        spill.write(bytes, offset, count);
      } else {
        memory.write(bytes, offset, count);
      }
      position += count;
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      if (spill == null) {
        objects.put(object.bucket(), object.key(), memory.asInput(), position);
        return;
      }
      try {
        spill.close();
        try (InputStream in = Files.newInputStream(spilled)) {
          objects.put(object.bucket(), object.key(), in, position);
        }
      } finally {
        Files.deleteIfExists(spilled);
      }
    }
  }

  /** A byte array stream whose bytes can be read back without a copy. */
  private static final class Memory extends ByteArrayOutputStream {
    InputStream asInput() {
      return new ByteArrayInputStream(buf, 0, count);
    }
  }
}

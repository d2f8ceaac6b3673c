package io.dataplatform.lakehouse.load;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.duckdb.DuckDBConnection;

/**
 * A staged Arrow IPC stream file seen by DuckDB as a view of one connection: its record batches are
 * read from the file one at a time as DuckDB scans the view, through the Arrow C stream interface,
 * so a file of any size needs memory for a batch or two. The view can be scanned once.
 */
final class ArrowStagedFile implements AutoCloseable {
  private static final AtomicLong NAMES = new AtomicLong();

  private final String view;
  private final DuckDBConnection connection;
  private final BufferAllocator allocator;
  private final FileChannel input;
  private final ArrowStreamReader reader;
  private final ArrowArrayStream stream;

  private ArrowStagedFile(
      String view,
      DuckDBConnection connection,
      BufferAllocator allocator,
      FileChannel input,
      ArrowStreamReader reader,
      ArrowArrayStream stream) {
    this.view = view;
    this.connection = connection;
    this.allocator = allocator;
    this.input = input;
    this.reader = reader;
    this.stream = stream;
  }

  /** A name for the view of a file, unique in this process. */
  static String newViewName() {
    return "__dp_arrow_" + NAMES.incrementAndGet();
  }

  /**
   * Opens {@code file} and registers it on {@code connection} as the view {@code view}.
   *
   * @throws UncheckedIOException when the file cannot be read
   */
  static ArrowStagedFile register(DuckDBConnection connection, String view, Path file) {
    requireNonNull(connection, "connection");
    requireNonNull(view, "view");
    BufferAllocator allocator = new RootAllocator();
    FileChannel input = null;
    ArrowStreamReader reader = null;
    ArrowArrayStream stream = null;
    try {
      // read straight into the off-heap buffers of the batches
      input = FileChannel.open(file, StandardOpenOption.READ);
      reader = new ArrowStreamReader(input, allocator);
      stream = ArrowArrayStream.allocateNew(allocator);
      Data.exportArrayStream(allocator, reader, stream);
      connection.registerArrowStream(view, stream);
      return new ArrowStagedFile(view, connection, allocator, input, reader, stream);
    } catch (IOException e) {
      closeQuietly(stream, reader, input, allocator);
      throw new UncheckedIOException(
          "Cannot read staged Arrow file " + file.getFileName() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(stream, reader, input, allocator);
      throw e;
    }
  }

  @Override
  public void close() {
    try (PreparedStatement drop = connection.prepareStatement("DROP VIEW IF EXISTS " + view)) {
      drop.execute();
    } catch (SQLException e) {
      // the connection is closing or closed: its temporary views go with it
    }
    closeQuietly(stream, reader, input, allocator);
  }

  private static void closeQuietly(AutoCloseable... resources) {
    for (AutoCloseable resource : resources) {
      if (resource == null) {
        continue;
      }
      try {
        resource.close();
      } catch (Exception e) {
        // releasing buffers of a stream that is no longer read; nothing is lost
      }
    }
  }
}

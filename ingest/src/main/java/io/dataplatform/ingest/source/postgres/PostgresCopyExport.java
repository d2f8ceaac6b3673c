package io.dataplatform.ingest.source.postgres;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceMessage;
import io.dataplatform.ingest.source.jdbc.BackgroundReader;
import io.dataplatform.ingest.source.jdbc.JdbcColumn;
import io.dataplatform.ingest.source.jdbc.JdbcTable;
import io.dataplatform.ingest.source.jdbc.SqlNames;
import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.postgresql.core.BaseConnection;

/**
 * A full refresh through {@code COPY (SELECT …) TO STDOUT (FORMAT binary)}: the server's rows are
 * decoded into Arrow record batches and written to Arrow IPC stream files in the work directory, a
 * new file every {@code chunkBytes} of COPY data, each handed to the engine as a {@link
 * SourceMessage.StagedFile} as soon as it is complete. Nothing is held in memory beyond one record
 * batch ({@value #BATCH_ROWS} rows or {@value #BATCH_BYTES} bytes of fields, whichever comes
 * first).
 *
 * <p>The binary form spares both sides the text conversions: PostgreSQL sends integers, numerics
 * and timestamps as they are stored, and the lake reads the columns without parsing. Every column
 * is selected as the type {@link BinaryColumns} reads ({@code text} for the types the platform
 * keeps as text), in a UTC session.
 */
final class PostgresCopyExport {
  static final int BATCH_ROWS = 65_536;
  static final int BATCH_BYTES = 8 << 20;

  /** {@code PGCOPY\n\377\r\n\0}, the start of a binary COPY. */
  private static final byte[] SIGNATURE = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0
  };

  private static final VarHandle SHORT = BinaryColumns.SHORT;
  private static final VarHandle INT = BinaryColumns.INT;

  private final PostgresDialect dialect;
  private final long chunkBytes;

  PostgresCopyExport(PostgresDialect dialect, long chunkBytes) {
    this.dialect = requireNonNull(dialect, "dialect");
    this.chunkBytes = chunkBytes;
  }

  /** The {@code COPY} statement of a table. */
  String sql(SqlNames names, JdbcTable table) {
    String columns =
        table.columns().stream()
            .map(column -> dialect.binaryCopyExpression(column, names.quote(column.name())))
            .collect(Collectors.joining(", "));
    return "COPY (SELECT "
        + columns
        + " FROM "
        + names.qualified(table.ref())
        + ") TO STDOUT (FORMAT binary)";
  }

  /** Sends the table as staged files, then the stream's end. */
  void run(
      Connection connection,
      JdbcTable table,
      ConfiguredStream stream,
      Path workDirectory,
      BackgroundReader.Output output)
      throws Exception {
    export(connection, table, stream, workDirectory, output, Optional.empty(), () -> {});
    connection.commit();
    output.send(new SourceMessage.StreamEnd(stream.name()));
  }

  /** What to send after each staged file. */
  @FunctionalInterface
  interface AfterFile {
    void sent() throws InterruptedException;
  }

  /**
   * Sends the table's rows as staged files, each followed by what {@code afterFile} sends, in the
   * connection's transaction, which stays open; the stream does not end.
   *
   * @param snapshotPosition for a change log's snapshot, the position of every row
   */
  void export(
      Connection connection,
      JdbcTable table,
      ConfiguredStream stream,
      Path workDirectory,
      BackgroundReader.Output output,
      Optional<String> snapshotPosition,
      AfterFile afterFile)
      throws Exception {
    String sql = sql(SqlNames.of(connection.getMetaData()), table);
    List<SourceColumn> columns = table.columns().stream().map(JdbcColumn::column).toList();
    BinaryColumns binary = new BinaryColumns(columns);
    BaseConnection server = connection.unwrap(BaseConnection.class);
    output.running(server::cancelQuery);
    CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
    Files.createDirectories(workDirectory);
    String prefix = stream.name().replaceAll("[^A-Za-z0-9_.-]", "_");
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(binary.schema(), allocator)) {
      binary.bind(root);
      Rows rows = new Rows(copy, binary, stream.name());
      int part = 0;
      while (rows.hasNext()) {
        Path file = workDirectory.resolve(prefix + "-" + part++ + ".arrow");
        long fileRows = writeFile(rows, root, file);
        output.send(
            new SourceMessage.StagedFile(
                stream.name(),
                file,
                SourceMessage.StagedFormat.ARROW,
                columns,
                fileRows,
                snapshotPosition));
        afterFile.sent();
      }
    } finally {
      cancelIfActive(copy);
    }
  }

  /**
   * Writes rows into {@code file} until it holds {@code chunkBytes} of COPY data or none is left.
   */
  private long writeFile(Rows rows, VectorSchemaRoot root, Path file)
      throws IOException, SQLException {
    long fileRows = 0;
    long fileBytes = 0;
    // a file channel takes the vectors' off-heap buffers as they are, without a copy on the heap
    try (FileChannel channel =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        ArrowStreamWriter writer = new ArrowStreamWriter(root, null, channel)) {
      writer.start();
      while (fileBytes < chunkBytes && rows.hasNext()) {
        root.getFieldVectors().forEach(FieldVector::reset);
        int batchRows = 0;
        long batchBytes = 0;
        long batchLimit = Math.min(BATCH_BYTES, chunkBytes - fileBytes);
        while (batchRows < BATCH_ROWS && batchBytes < batchLimit && rows.hasNext()) {
          batchBytes += rows.next(batchRows++);
        }
        root.setRowCount(batchRows);
        writer.writeBatch();
        fileRows += batchRows;
        fileBytes += batchBytes;
      }
      writer.end();
    }
    return fileRows;
  }

  /** The rows of a binary COPY, one CopyData message each, decoded into the bound vectors. */
  private static final class Rows {
    private final CopyOut copy;
    private final BinaryColumns columns;
    private final String stream;
    private byte[] message;
    private int offset;
    private boolean ended;

    Rows(CopyOut copy, BinaryColumns columns, String stream) throws SQLException {
      this.copy = copy;
      this.columns = columns;
      this.stream = stream;
      this.message = copy.readFromCopy();
      if (message == null
          || message.length < SIGNATURE.length + 8
          || !Arrays.equals(message, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
        throw framing("the output does not start with the binary COPY signature");
      }
      int extension = (int) INT.get(message, SIGNATURE.length + 4);
      offset = SIGNATURE.length + 8 + extension;
      advance();
    }

    boolean hasNext() {
      return !ended;
    }

    /** Decodes the next row into row {@code row} of the vectors; the bytes of its fields. */
    int next(int row) throws SQLException {
      byte[] data = message;
      int position = offset;
      int fields = (short) SHORT.get(data, position);
      if (fields != columns.size()) {
        throw framing("a row has " + fields + " fields, not " + columns.size());
      }
      position += 2;
      for (int column = 0; column < fields; column++) {
        if (position + 4 > data.length) {
          throw framing("a row ends inside a field");
        }
        int length = (int) INT.get(data, position);
        position += 4;
        if (length > data.length - position) {
          throw framing("a field runs past its row");
        }
        columns.decode(column, data, position, length, row);
        position += Math.max(length, 0);
      }
      int bytes = position - offset;
      offset = position;
      advance();
      return bytes;
    }

    /** Moves to the next row, reading the next message when this one is used up. */
    private void advance() throws SQLException {
      if (offset >= message.length) {
        message = copy.readFromCopy();
        offset = 0;
        if (message == null) {
          throw framing("the output ends without its trailer");
        }
      }
      if (message.length - offset < 2) {
        throw framing("a row is cut short");
      }
      if ((short) SHORT.get(message, offset) == -1) {
        ended = true;
        message = copy.readFromCopy();
        if (message != null) {
          throw framing("data follows the trailer");
        }
      }
    }

    private DpException framing(String problem) {
      return new DpException(
          StandardErrorCode.EXTERNAL_FAILURE,
          "Cannot read stream " + stream + " from PostgreSQL's binary COPY: " + problem);
    }
  }

  private static void cancelIfActive(CopyOut copy) throws IOException {
    if (copy.isActive()) {
      try {
        copy.cancelCopy();
      } catch (SQLException e) {
        throw new IOException("Cannot cancel COPY: " + e.getMessage(), e);
      }
    }
  }
}

package io.dataplatform.lakehouse.write;

import io.dataplatform.lakehouse.write.ColumnChunkWriter.Pages;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Writes the rows of a staged Arrow IPC stream file as a Parquet data file of an Iceberg table, in
 * one pass over its record batches: the Arrow values are already in Parquet's PLAIN layout, so
 * writing them takes little more than compressing them. The file has the schema, field ids, row
 * groups and statistics DuckDB gives the files it writes for the table. Only files whose columns
 * all have the table's types are written this way; {@link #open} says when a file is not one.
 */
final class ArrowParquetWriter implements AutoCloseable {
  /** Rows after which a row group ends (DuckDB's row group size). */
  static final int ROW_GROUP_ROWS = 122_880;

  /** Buffered bytes after which a row group ends, whatever its rows. */
  private static final long ROW_GROUP_BYTES = 64L << 20;

  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
  private static final String CREATED_BY = "dp version 0.1.0";

  private final BufferAllocator allocator;
  private final FileChannel input;
  private final ArrowStreamReader reader;
  private final List<ColumnChunkWriter> columns;
  private final PageCompressor compressor;
  private final WriterBuffers buffers;
  private final ByteSink page;
  private final ByteSink compressed;
  private final ByteSink header;
  private final List<RowGroup> rowGroups = new ArrayList<>();

  private ArrowParquetWriter(
      BufferAllocator allocator,
      FileChannel input,
      ArrowStreamReader reader,
      List<ColumnChunkWriter> columns,
      PageCompressor compressor,
      WriterBuffers buffers) {
    this.allocator = allocator;
    this.input = input;
    this.reader = reader;
    this.columns = columns;
    this.compressor = compressor;
    this.buffers = buffers;
    this.page = buffers.page;
    this.compressed = buffers.compressed;
    this.header = buffers.header;
  }

  /**
   * Opens {@code arrowFile} to be written as a data file of a table with {@code schema}, whose
   * columns take their values from {@code sources} (one per column, in order).
   *
   * @return empty when a column's values could not be written as they are (a type that differs from
   *     the table's, a type or codec this writer does not write); DuckDB converts those files
   * @throws IOException when the file cannot be read
   */
  static Optional<ArrowParquetWriter> open(
      Path arrowFile, Schema schema, List<ColumnSource> sources, ParquetCompression.Codec codec)
      throws IOException {
    List<Types.NestedField> fields = schema.columns();
    if (fields.size() != sources.size()) {
      throw new IllegalArgumentException(
          "Cannot write data file: "
              + sources.size()
              + " column sources for "
              + fields.size()
              + " columns");
    }
    Optional<PageCompressor> compressor = PageCompressor.of(codec);
    if (compressor.isEmpty()) {
      return Optional.empty();
    }
    BufferAllocator allocator = new RootAllocator();
    FileChannel input = null;
    ArrowStreamReader reader = null;
    WriterBuffers buffers = WriterBuffers.acquire();
    boolean opened = false;
    try {
      input = FileChannel.open(arrowFile, StandardOpenOption.READ);
      reader = new ArrowStreamReader(input, allocator);
      List<Field> arrowFields = reader.getVectorSchemaRoot().getSchema().getFields();
      List<ColumnChunkWriter> columns = new ArrayList<>();
      for (int i = 0; i < fields.size(); i++) {
        Optional<ColumnChunkWriter> column =
            column(fields.get(i), sources.get(i), arrowFields, buffers.column(i));
        if (column.isEmpty()) {
          return Optional.empty();
        }
        columns.add(column.get());
      }
      opened = true;
      return Optional.of(
          new ArrowParquetWriter(allocator, input, reader, columns, compressor.get(), buffers));
    } finally {
      if (!opened) {
        buffers.release();
        closeQuietly(compressor.get(), reader, input, allocator);
      }
    }
  }

  private static Optional<ColumnChunkWriter> column(
      Types.NestedField field,
      ColumnSource source,
      List<Field> arrowFields,
      WriterBuffers.Column buffers) {
    Optional<ParquetColumnType> type = ParquetColumnType.of(field.type());
    if (type.isEmpty()) {
      return Optional.empty();
    }
    if (source instanceof ColumnSource.Constant constant) {
      if (constant.value() == null) {
        return Optional.of(
            ColumnChunkWriter.constant(
                field.name(), field.fieldId(), type.get(), null, null, buffers));
      }
      return plainConstant(field.type(), constant.value())
          .map(
              plain ->
                  ColumnChunkWriter.constant(
                      field.name(),
                      field.fieldId(),
                      type.get(),
                      plain,
                      type.get().physical == ParquetColumnType.BYTE_ARRAY
                          ? java.util.Arrays.copyOfRange(plain, 4, plain.length)
                          : plain,
                      buffers));
    }
    String name = ((ColumnSource.FileColumn) source).name();
    for (int index = 0; index < arrowFields.size(); index++) {
      Field arrow = arrowFields.get(index);
      if (arrow.getName().equalsIgnoreCase(name)) {
        if (arrow.getDictionary() != null) {
          // the vector holds dictionary indices, not the field's values
          return Optional.empty();
        }
        int vector = index;
        return type.get()
            .sourceWidth(arrow.getType())
            .map(
                width ->
                    ColumnChunkWriter.fileColumn(
                        field.name(), field.fieldId(), type.get(), vector, width, buffers));
      }
    }
    return Optional.empty();
  }

  /** The PLAIN encoding of a constant of {@code type}, when its Java value is one of the type's. */
  private static Optional<byte[]> plainConstant(Type type, Object value) {
    ByteSink plain = new ByteSink(16);
    switch (type.typeId()) {
      case BOOLEAN -> {
        if (!(value instanceof Boolean bool)) {
          return Optional.empty();
        }
        plain.write(bool ? 1 : 0);
      }
      case INTEGER -> {
        if (!(value instanceof Integer number)) {
          return Optional.empty();
        }
        plain.writeIntLittleEndian(number);
      }
      case LONG -> {
        if (!(value instanceof Long || value instanceof Integer)) {
          return Optional.empty();
        }
        plain.writeLongLittleEndian(((Number) value).longValue());
      }
      case DATE -> {
        if (!(value instanceof LocalDate date)) {
          return Optional.empty();
        }
        plain.writeIntLittleEndian((int) date.toEpochDay());
      }
      case STRING -> {
        if (!(value instanceof String text)) {
          return Optional.empty();
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        plain.writeIntLittleEndian(bytes.length);
        plain.write(bytes, 0, bytes.length);
      }
      case TIMESTAMP -> {
        Instant instant =
            value instanceof OffsetDateTime time
                ? time.toInstant()
                : value instanceof ZonedDateTime time
                    ? time.toInstant()
                    : value instanceof Instant time ? time : null;
        if (instant == null || !((Types.TimestampType) type).shouldAdjustToUTC()) {
          return Optional.empty();
        }
        plain.writeLongLittleEndian(ChronoUnit.MICROS.between(Instant.EPOCH, instant));
      }
      default -> {
        return Optional.empty();
      }
    }
    return Optional.of(java.util.Arrays.copyOf(plain.array(), plain.size()));
  }

  /**
   * Writes every row of the Arrow file to {@code target}.
   *
   * @return the rows written
   */
  long write(Path target) throws IOException {
    VectorSchemaRoot root = reader.getVectorSchemaRoot();
    FieldVector[] vectors = root.getFieldVectors().toArray(new FieldVector[0]);
    Pages pages = new FilePages();
    long rows = 0;
    try (OutputStream file = Files.newOutputStream(target);
        PositionedOutput out = new PositionedOutput(new BufferedOutputStream(file, 1 << 16))) {
      out.write(MAGIC, 0, MAGIC.length);
      long groupRows = 0;
      long buffered = 0;
      while (reader.loadNextBatch()) {
        int batchRows = root.getRowCount();
        for (ColumnChunkWriter column : columns) {
          column.append(vectors, batchRows, pages);
        }
        groupRows += batchRows;
        rows += batchRows;
        buffered = columns.stream().mapToLong(column -> column.chunk.size()).sum();
        if (groupRows >= ROW_GROUP_ROWS || buffered >= ROW_GROUP_BYTES) {
          writeRowGroup(out, groupRows);
          groupRows = 0;
        }
      }
      if (groupRows > 0) {
        writeRowGroup(out, groupRows);
      }
      ByteSink footer = new ByteSink(4096);
      ParquetFooter.write(
          new ThriftCompact(footer), columns, rowGroups, rows, compressor.codecId, CREATED_BY);
      out.write(footer.array(), 0, footer.size());
      ByteSink length = new ByteSink(4);
      length.writeIntLittleEndian(footer.size());
      out.write(length.array(), 0, 4);
      out.write(MAGIC, 0, MAGIC.length);
    }
    return rows;
  }

  private void writeRowGroup(PositionedOutput out, long rows) throws IOException {
    long start = out.position;
    List<ColumnChunk> chunks = new ArrayList<>();
    Pages pages = new FilePages();
    for (ColumnChunkWriter column : columns) {
      column.finishRowGroup(pages);
      long chunkStart = out.position;
      int dictionaryBytes = column.dictionaryPage.size();
      out.write(column.dictionaryPage.array(), 0, dictionaryBytes);
      out.write(column.chunk.array(), 0, column.chunk.size());
      chunks.add(
          new ColumnChunk(
              dictionaryBytes > 0 ? chunkStart : -1,
              chunkStart + dictionaryBytes,
              dictionaryBytes + column.chunk.size(),
              column.uncompressedBytes,
              column.values,
              column.nulls,
              column.minimumStatistic(),
              column.maximumStatistic()));
      column.reset();
    }
    rowGroups.add(new RowGroup(chunks, rows, start, out.position - start));
  }

  /** Where a row group's columns are in the file, and their statistics. */
  record RowGroup(List<ColumnChunk> chunks, long rows, long offset, long compressedBytes) {
    long uncompressedBytes() {
      return chunks.stream().mapToLong(ColumnChunk::uncompressedBytes).sum();
    }
  }

  /**
   * One column of a row group.
   *
   * @param dictionaryOffset -1 without a dictionary page
   * @param minimum null when not written
   * @param maximum null when not written
   */
  record ColumnChunk(
      long dictionaryOffset,
      long dataOffset,
      long compressedBytes,
      long uncompressedBytes,
      long values,
      long nulls,
      byte[] minimum,
      byte[] maximum) {
    long start() {
      return dictionaryOffset >= 0 ? dictionaryOffset : dataOffset;
    }
  }

  private final class FilePages implements Pages {
    @Override
    public ByteSink page() {
      page.reset();
      return page;
    }

    @Override
    public void emit(
        ColumnChunkWriter column, ByteSink target, int pageType, int valueCount, int encoding) {
      compressed.reset();
      compressor.compress(page, compressed);
      header.reset();
      ThriftCompact thrift = new ThriftCompact(header);
      thrift.structBegin();
      thrift.i32(1, pageType);
      thrift.i32(2, page.size());
      thrift.i32(3, compressed.size());
      thrift.structBegin(pageType == 0 ? 5 : 7);
      thrift.i32(1, valueCount);
      thrift.i32(2, encoding);
      if (pageType == 0) {
        thrift.i32(3, ColumnChunkWriter.RLE);
        thrift.i32(4, ColumnChunkWriter.RLE);
      }
      thrift.structEnd();
      thrift.structEnd();
      target.write(header.array(), 0, header.size());
      target.write(compressed.array(), 0, compressed.size());
      column.uncompressedBytes += header.size() + page.size();
    }
  }

  /** An output stream that counts the bytes written. */
  private static final class PositionedOutput extends java.io.FilterOutputStream {
    long position;

    PositionedOutput(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
      position += length;
    }
  }

  @Override
  public void close() {
    columns.forEach(ColumnChunkWriter::release);
    buffers.release();
    closeQuietly(compressor, reader, input, allocator);
  }

  private static void closeQuietly(AutoCloseable... resources) {
    for (AutoCloseable resource : resources) {
      if (resource == null) {
        continue;
      }
      try {
        resource.close();
      } catch (Exception e) {
        // releasing the buffers and handle of a file that is no longer read; nothing is lost
      }
    }
  }
}

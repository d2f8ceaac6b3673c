package io.dataplatform.lakehouse.write;

import static io.dataplatform.lakehouse.write.ByteSink.INT;
import static io.dataplatform.lakehouse.write.ByteSink.LONG;

import org.apache.arrow.vector.FieldVector;

/**
 * Encodes the values of one column into the pages of a column chunk, held in memory until the row
 * group is written. Pages are version 1 data pages: definition levels (every column is optional) in
 * the RLE/bit-packed hybrid, values PLAIN or, for text and binary columns while their row group's
 * distinct values fit a dictionary, dictionary indices; a constant column has a one-value
 * dictionary.
 */
final class ColumnChunkWriter {
  /** Bytes of values after which a page ends. */
  private static final int PAGE_BYTES = 1 << 20;

  /** Distinct values of a row group past which a column's later pages are PLAIN. */
  private static final int MAX_DICTIONARY_ENTRIES = 8192;

  private static final int MAX_DICTIONARY_BYTES = 1 << 20;

  private static final int DATA_PAGE = 0;
  private static final int DICTIONARY_PAGE = 2;
  static final int PLAIN = 0;
  static final int RLE = 3;
  static final int RLE_DICTIONARY = 8;

  final String name;
  final int fieldId;
  final ParquetColumnType type;

  /** The Arrow vector's index, or -1 for a constant column. */
  private final int vector;

  /** Bytes per value in the Arrow vector. */
  private final int sourceWidth;

  /** The constant's PLAIN encoding, or null when the column is a file column or always null. */
  private final byte[] constant;

  /** The constant's statistics encoding. */
  private final byte[] constantStatistic;

  /** The data pages of the row group, each with its header. */
  final ByteSink chunk;

  /** The row group's dictionary page with its header, once {@link #finishRowGroup} made it. */
  final ByteSink dictionaryPage;

  long uncompressedBytes;
  long values;
  long nulls;

  /** The distinct values of a byte-array column's row group; null for other columns. */
  private final ByteDictionary dictionary;

  /** Whether the row group's pages are still dictionary encoded. */
  private boolean dictionaryEncoding = true;

  /** The row group's dictionary-encoded pages. */
  private int dictionaryPages;

  private final WriterBuffers.Column buffers;
  private int[] indices;
  private final ChunkStatistics statistics;

  private byte[] validity;
  private byte[] data;
  private byte[] offsets;

  private ColumnChunkWriter(
      String name,
      int fieldId,
      ParquetColumnType type,
      int vector,
      int sourceWidth,
      byte[] constant,
      byte[] constantStatistic,
      WriterBuffers.Column buffers) {
    this.name = name;
    this.fieldId = fieldId;
    this.type = type;
    this.vector = vector;
    this.sourceWidth = sourceWidth;
    this.constant = constant;
    this.constantStatistic = constantStatistic;
    this.statistics = new ChunkStatistics(type);
    this.buffers = buffers;
    this.chunk = buffers.chunk;
    this.dictionaryPage = buffers.dictionaryPage;
    this.dictionary =
        vector >= 0 && type.width() == 0
            ? buffers.dictionary(MAX_DICTIONARY_ENTRIES, MAX_DICTIONARY_BYTES)
            : null;
    this.validity = buffers.validity;
    this.data = buffers.data;
    this.offsets = buffers.offsets;
    this.indices = buffers.indices;
    chunk.reset();
    dictionaryPage.reset();
  }

  /** Hands the arrays grown for this column back to the buffers. */
  void release() {
    buffers.validity = validity;
    buffers.data = data;
    buffers.offsets = offsets;
    buffers.indices = indices;
  }

  /** A column of the Arrow vector at {@code vector}, whose values are {@code sourceWidth} wide. */
  static ColumnChunkWriter fileColumn(
      String name,
      int fieldId,
      ParquetColumnType type,
      int vector,
      int sourceWidth,
      WriterBuffers.Column buffers) {
    return new ColumnChunkWriter(name, fieldId, type, vector, sourceWidth, null, null, buffers);
  }

  /**
   * A column with the same value in every row.
   *
   * @param plain the value's PLAIN encoding, or null for a column of nulls
   * @param statistic the value's encoding in statistics
   */
  static ColumnChunkWriter constant(
      String name,
      int fieldId,
      ParquetColumnType type,
      byte[] plain,
      byte[] statistic,
      WriterBuffers.Column buffers) {
    return new ColumnChunkWriter(name, fieldId, type, -1, 0, plain, statistic, buffers);
  }

  /** Encodes {@code rows} rows of a batch into pages of the chunk. */
  void append(FieldVector[] vectors, int rows, Pages pages) {
    if (rows == 0) {
      return;
    }
    if (vector < 0) {
      appendConstant(rows, pages);
      return;
    }
    FieldVector source = vectors[vector];
    int nullCount = source.getNullCount();
    if (nullCount > 0) {
      validity = copy(source.getValidityBuffer(), (rows + 7) / 8, validity);
    }
    int width = type.width();
    if (width == 0) {
      offsets = copy(source.getOffsetBuffer(), 4 * (rows + 1), offsets);
      data = copy(source.getDataBuffer(), (int) INT.get(offsets, 4 * rows), data);
    } else {
      data = copy(source.getDataBuffer(), width < 0 ? (rows + 7) / 8 : rows * sourceWidth, data);
    }
    int start = 0;
    while (start < rows) {
      int end = pageEnd(start, rows);
      int pageNulls = nullCount == 0 ? 0 : nulls(start, end);
      ByteSink page = pages.page();
      writeLevels(page, start, end, pageNulls);
      boolean allValid = pageNulls == 0;
      int encoding = PLAIN;
      if (pageNulls < end - start) {
        switch (width) {
          case 0 -> encoding = writeVariable(page, start, end, allValid);
          case -1 -> writeBooleans(page, start, end, allValid);
          default -> writeFixed(page, start, end, allValid, width);
        }
      }
      pages.emit(this, chunk, DATA_PAGE, end - start, encoding);
      values += end - start;
      nulls += pageNulls;
      start = end;
    }
  }

  private void appendConstant(int rows, Pages pages) {
    ByteSink page = pages.page();
    if (constant == null) {
      writeLevels(page, 0, rows, rows);
      pages.emit(this, chunk, DATA_PAGE, rows, PLAIN);
      nulls += rows;
    } else {
      writeLevels(page, 0, rows, 0);
      page.write(1); // bit width of the dictionary indices
      page.writeVarint((long) rows << 1);
      page.write(0);
      pages.emit(this, chunk, DATA_PAGE, rows, RLE_DICTIONARY);
    }
    values += rows;
  }

  /** Makes the row group's {@link #dictionaryPage}, if its pages use one. */
  void finishRowGroup(Pages pages) {
    dictionaryPage.reset();
    if (constant != null) {
      pages.page().write(constant, 0, constant.length);
      pages.emit(this, dictionaryPage, DICTIONARY_PAGE, 1, PLAIN);
    } else if (dictionaryPages > 0) {
      ByteSink plain = dictionary.plain();
      pages.page().write(plain.array(), 0, plain.size());
      pages.emit(this, dictionaryPage, DICTIONARY_PAGE, dictionary.size(), PLAIN);
    }
  }

  /** The end of the page starting at {@code start}: a multiple of 8 rows, or the batch's end. */
  private int pageEnd(int start, int rows) {
    int width = type.width();
    if (width != 0) {
      int pageRows = width < 0 ? PAGE_BYTES * 8 : PAGE_BYTES / width;
      return (int) Math.min(rows, (long) start + pageRows);
    }
    int first = (int) INT.get(offsets, 4 * start);
    int end = start;
    while (end < rows) {
      end = Math.min(rows, end + 8);
      long bytes = (long) (int) INT.get(offsets, 4 * end) - first + 4L * (end - start);
      if (bytes >= PAGE_BYTES) {
        break;
      }
    }
    return end;
  }

  /** Null rows in {@code [start, end)}; {@code start} is a multiple of 8. */
  private int nulls(int start, int end) {
    int valid = 0;
    int fullBytes = (end - start) / 8;
    int first = start / 8;
    for (int i = 0; i < fullBytes; i++) {
      valid += Integer.bitCount(validity[first + i] & 0xFF);
    }
    int rest = (end - start) % 8;
    if (rest > 0) {
      valid += Integer.bitCount(validity[first + fullBytes] & ((1 << rest) - 1));
    }
    return end - start - valid;
  }

  /** The definition levels of rows {@code [start, end)}, prefixed by their length. */
  private void writeLevels(ByteSink page, int start, int end, int pageNulls) {
    int lengthPosition = page.size();
    page.skip(4);
    int rows = end - start;
    if (pageNulls == 0 || pageNulls == rows) {
      page.writeVarint((long) rows << 1);
      page.write(pageNulls == 0 ? 1 : 0);
    } else {
      // the validity bits are the levels, bit-packed in groups of 8 in the same bit order
      int groups = (rows + 7) / 8;
      page.writeVarint(((long) groups << 1) | 1);
      page.write(validity, start / 8, groups);
    }
    page.setIntLittleEndian(lengthPosition, page.size() - lengthPosition - 4);
  }

  private boolean valid(int row) {
    return (validity[row >>> 3] & (1 << (row & 7))) != 0;
  }

  private void writeFixed(ByteSink page, int start, int end, boolean allValid, int width) {
    int first = page.size();
    if (allValid && width == sourceWidth) {
      page.write(data, start * width, (end - start) * width);
    } else {
      page.reserve((end - start) * width);
      byte[] target = page.array();
      int position = first;
      for (int row = start; row < end; row++) {
        if (allValid || valid(row)) {
          if (width == 8) {
            LONG.set(target, position, (long) LONG.get(data, row * sourceWidth));
          } else {
            INT.set(target, position, (int) INT.get(data, row * sourceWidth));
          }
          position += width;
        }
      }
      page.skip(position - first);
    }
    if (type.order() == ParquetColumnType.Order.SIGNED) {
      statistics.signed(page.array(), first, page.size(), width);
    }
  }

  private void writeBooleans(ByteSink page, int start, int end, boolean allValid) {
    int count = 0;
    int current = 0;
    for (int row = start; row < end; row++) {
      if (allValid || valid(row)) {
        if ((data[row >>> 3] & (1 << (row & 7))) != 0) {
          current |= 1 << (count & 7);
          statistics.bool(true);
        } else {
          statistics.bool(false);
        }
        count++;
        if ((count & 7) == 0) {
          page.write(current);
          current = 0;
        }
      }
    }
    if ((count & 7) != 0) {
      page.write(current);
    }
  }

  /**
   * Writes the values of rows {@code [start, end)} as dictionary indices while the row group's
   * distinct values fit the dictionary, else PLAIN.
   *
   * @return the page's encoding
   */
  private int writeVariable(ByteSink page, int start, int end, boolean allValid) {
    if (dictionaryEncoding && writeIndices(page, start, end, allValid)) {
      dictionaryPages++;
      return RLE_DICTIONARY;
    }
    dictionaryEncoding = false;
    for (int row = start; row < end; row++) {
      if (allValid || valid(row)) {
        int from = (int) INT.get(offsets, 4 * row);
        int length = (int) INT.get(offsets, 4 * row + 4) - from;
        page.writeIntLittleEndian(length);
        page.write(data, from, length);
        statistics.bytes(data, from, length);
      }
    }
    return PLAIN;
  }

  /**
   * Writes the dictionary indices of rows {@code [start, end)}: their bit width, then one
   * bit-packed run. Statistics follow the dictionary's new values, each of which some row has.
   *
   * @return false, having written nothing, when a value does not fit the dictionary
   */
  private boolean writeIndices(ByteSink page, int start, int end, boolean allValid) {
    if (indices.length < end - start) {
      indices = new int[end - start];
    }
    int count = 0;
    for (int row = start; row < end; row++) {
      if (allValid || valid(row)) {
        int from = (int) INT.get(offsets, 4 * row);
        int length = (int) INT.get(offsets, 4 * row + 4) - from;
        int index = dictionary.indexOf(data, from, length);
        if (index < 0) {
          return false;
        }
        if (dictionary.added()) {
          statistics.bytes(data, from, length);
        }
        indices[count++] = index;
      }
    }
    int width = Math.max(1, 32 - Integer.numberOfLeadingZeros(dictionary.size() - 1));
    page.write(width);
    int groups = (count + 7) / 8;
    page.writeVarint(((long) groups << 1) | 1);
    long buffer = 0;
    int bits = 0;
    for (int i = 0; i < groups * 8; i++) {
      buffer |= (long) (i < count ? indices[i] : 0) << bits;
      bits += width;
      while (bits >= 8) {
        page.write((int) buffer);
        buffer >>>= 8;
        bits -= 8;
      }
    }
    return true;
  }

  /** The chunk's minimum in statistics encoding, or null when it has none to write. */
  byte[] minimumStatistic() {
    return constant != null ? constantStatistic : statistics.minimum();
  }

  /** The chunk's maximum in statistics encoding, or null when it has none to write. */
  byte[] maximumStatistic() {
    return constant != null ? constantStatistic : statistics.maximum();
  }

  /** Forgets the chunk once its row group is written. */
  void reset() {
    chunk.reset();
    uncompressedBytes = 0;
    values = 0;
    nulls = 0;
    dictionaryPage.reset();
    if (dictionary != null) {
      dictionary.clear();
    }
    dictionaryEncoding = true;
    dictionaryPages = 0;
    statistics.clear();
  }

  private static byte[] copy(org.apache.arrow.memory.ArrowBuf buffer, int length, byte[] target) {
    byte[] result =
        target.length >= length ? target : new byte[Math.max(length, target.length * 3 / 2)];
    if (length > 0) {
      buffer.getBytes(0, result, 0, length);
    }
    return result;
  }

  /** Where pages are assembled and how they are compressed into a chunk. */
  interface Pages {
    /** An empty buffer for the uncompressed content of the next page. */
    ByteSink page();

    /**
     * Compresses the {@linkplain #page() page} and appends it with its header to {@code target}.
     */
    void emit(
        ColumnChunkWriter column, ByteSink target, int pageType, int valueCount, int encoding);
  }
}

package io.dataplatform.lakehouse.write;

import java.util.ArrayList;
import java.util.List;

/**
 * The buffers of a Parquet writer, kept by its thread for the next file it writes. They grow to a
 * row group's compressed pages and a record batch's values, several megabytes each: allocated anew
 * for every file, such arrays land in the old generation and fill it between collections.
 */
final class WriterBuffers {
  private static final ThreadLocal<WriterBuffers> THREAD =
      ThreadLocal.withInitial(WriterBuffers::new);

  final ByteSink page = new ByteSink(1 << 20);
  final ByteSink compressed = new ByteSink(1 << 20);
  final ByteSink header = new ByteSink(64);
  private final List<Column> columns = new ArrayList<>();
  private boolean inUse;

  private WriterBuffers() {}

  /** The current thread's buffers, or new ones while another writer of the thread has them. */
  static WriterBuffers acquire() {
    WriterBuffers buffers = THREAD.get();
    if (buffers.inUse) {
      buffers = new WriterBuffers();
    }
    buffers.inUse = true;
    return buffers;
  }

  /** Hands the buffers back once the writer no longer uses them. */
  void release() {
    inUse = false;
  }

  /** The buffers of the column at {@code index}. */
  Column column(int index) {
    while (columns.size() <= index) {
      columns.add(new Column());
    }
    return columns.get(index);
  }

  /** One column's buffers; a writer takes them over and hands back the arrays it grew. */
  static final class Column {
    final ByteSink chunk = new ByteSink(1 << 16);
    final ByteSink dictionaryPage = new ByteSink(64);
    private ByteDictionary dictionary;
    byte[] validity = new byte[0];
    byte[] data = new byte[0];
    byte[] offsets = new byte[0];
    int[] indices = new int[0];

    /** An empty dictionary of at most {@code maxEntries} values and {@code maxBytes} bytes. */
    ByteDictionary dictionary(int maxEntries, int maxBytes) {
      if (dictionary == null) {
        dictionary = new ByteDictionary(maxEntries, maxBytes);
      }
      dictionary.clear();
      return dictionary;
    }
  }
}

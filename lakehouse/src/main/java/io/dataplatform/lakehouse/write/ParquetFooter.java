package io.dataplatform.lakehouse.write;

import static io.dataplatform.lakehouse.write.ThriftCompact.TYPE_BINARY;
import static io.dataplatform.lakehouse.write.ThriftCompact.TYPE_I32;
import static io.dataplatform.lakehouse.write.ThriftCompact.TYPE_STRUCT;

import io.dataplatform.lakehouse.write.ArrowParquetWriter.ColumnChunk;
import io.dataplatform.lakehouse.write.ArrowParquetWriter.RowGroup;
import java.util.List;

/** Writes the {@code FileMetaData} of a Parquet file: its schema, row groups and column orders. */
final class ParquetFooter {
  private static final int REQUIRED = 0;

  private ParquetFooter() {}

  static void write(
      ThriftCompact thrift,
      List<ColumnChunkWriter> columns,
      List<RowGroup> rowGroups,
      long rows,
      int codec,
      String createdBy) {
    thrift.structBegin();
    thrift.i32(1, 1);
    thrift.listBegin(2, TYPE_STRUCT, columns.size() + 1);
    thrift.structBegin();
    thrift.i32(3, REQUIRED);
    thrift.string(4, "schema");
    thrift.i32(5, columns.size());
    thrift.structEnd();
    for (ColumnChunkWriter column : columns) {
      column.type.writeSchemaElement(thrift, column.name, column.fieldId);
    }
    thrift.i64(3, rows);
    thrift.listBegin(4, TYPE_STRUCT, rowGroups.size());
    for (int ordinal = 0; ordinal < rowGroups.size(); ordinal++) {
      writeRowGroup(thrift, columns, rowGroups.get(ordinal), ordinal, codec);
    }
    thrift.string(6, createdBy);
    thrift.listBegin(7, TYPE_STRUCT, columns.size());
    for (int i = 0; i < columns.size(); i++) {
      thrift.structBegin();
      thrift.structBegin(1); // TYPE_ORDER
      thrift.structEnd();
      thrift.structEnd();
    }
    thrift.structEnd();
  }

  private static void writeRowGroup(
      ThriftCompact thrift,
      List<ColumnChunkWriter> columns,
      RowGroup group,
      int ordinal,
      int codec) {
    thrift.structBegin();
    thrift.listBegin(1, TYPE_STRUCT, columns.size());
    for (int i = 0; i < columns.size(); i++) {
      writeColumnChunk(thrift, columns.get(i), group.chunks().get(i), codec);
    }
    thrift.i64(2, group.uncompressedBytes());
    thrift.i64(3, group.rows());
    thrift.i64(5, group.offset());
    thrift.i64(6, group.compressedBytes());
    thrift.i16(7, ordinal);
    thrift.structEnd();
  }

  private static void writeColumnChunk(
      ThriftCompact thrift, ColumnChunkWriter column, ColumnChunk chunk, int codec) {
    thrift.structBegin();
    thrift.i64(2, chunk.start());
    thrift.structBegin(3);
    thrift.i32(1, column.type.physical);
    if (chunk.dictionaryOffset() >= 0) {
      thrift.listBegin(2, TYPE_I32, 3);
      thrift.i32Element(ColumnChunkWriter.PLAIN);
      thrift.i32Element(ColumnChunkWriter.RLE);
      thrift.i32Element(ColumnChunkWriter.RLE_DICTIONARY);
    } else {
      thrift.listBegin(2, TYPE_I32, 2);
      thrift.i32Element(ColumnChunkWriter.PLAIN);
      thrift.i32Element(ColumnChunkWriter.RLE);
    }
    thrift.listBegin(3, TYPE_BINARY, 1);
    thrift.stringElement(column.name);
    thrift.i32(4, codec);
    thrift.i64(5, chunk.values());
    thrift.i64(6, chunk.uncompressedBytes());
    thrift.i64(7, chunk.compressedBytes());
    thrift.i64(9, chunk.dataOffset());
    if (chunk.dictionaryOffset() >= 0) {
      thrift.i64(11, chunk.dictionaryOffset());
    }
    thrift.structBegin(12);
    thrift.i64(3, chunk.nulls());
    if (chunk.maximum() != null && chunk.minimum() != null) {
      thrift.binary(5, chunk.maximum());
      thrift.binary(6, chunk.minimum());
    }
    thrift.structEnd();
    thrift.structEnd();
    thrift.structEnd();
  }
}

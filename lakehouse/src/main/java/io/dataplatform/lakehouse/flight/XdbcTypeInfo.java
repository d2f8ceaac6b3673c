package io.dataplatform.lakehouse.flight;

import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.sql.FlightSqlProducer.Schemas;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** The SQL types the engine offers, as the XDBC type info table (JDBC getTypeInfo). */
final class XdbcTypeInfo {
  private record Row(
      String typeName,
      int dataType,
      Integer columnSize,
      String literalPrefix,
      boolean caseSensitive,
      boolean fixedPrecisionScale,
      Integer maximumScale,
      Integer radix) {}

  private static final List<Row> ROWS =
      List.of(
          new Row("BOOLEAN", Types.BOOLEAN, 1, null, false, false, null, null),
          new Row("TINYINT", Types.TINYINT, 3, null, false, false, 0, 10),
          new Row("SMALLINT", Types.SMALLINT, 5, null, false, false, 0, 10),
          new Row("INTEGER", Types.INTEGER, 10, null, false, false, 0, 10),
          new Row("BIGINT", Types.BIGINT, 19, null, false, false, 0, 10),
          new Row("HUGEINT", Types.DECIMAL, 38, null, false, false, 0, 10),
          new Row("DECIMAL", Types.DECIMAL, 38, null, false, true, 38, 10),
          new Row("FLOAT", Types.REAL, 7, null, false, false, null, 2),
          new Row("DOUBLE", Types.DOUBLE, 15, null, false, false, null, 2),
          new Row("VARCHAR", Types.VARCHAR, null, "'", true, false, null, null),
          new Row("BLOB", Types.VARBINARY, null, "'", false, false, null, null),
          new Row("DATE", Types.DATE, 10, "DATE '", false, false, null, null),
          new Row("TIME", Types.TIME, 15, "TIME '", false, false, 6, null),
          new Row("TIMESTAMP", Types.TIMESTAMP, 26, "TIMESTAMP '", false, false, 6, null),
          new Row(
              "TIMESTAMP WITH TIME ZONE",
              Types.TIMESTAMP_WITH_TIMEZONE,
              32,
              "TIMESTAMPTZ '",
              false,
              false,
              6,
              null),
          new Row("LIST", Types.ARRAY, null, null, false, false, null, null),
          new Row("STRUCT", Types.STRUCT, null, null, false, false, null, null),
          new Row("INTERVAL", Types.OTHER, null, "INTERVAL '", false, false, null, null),
          new Row("UUID", Types.OTHER, 36, "'", false, false, null, null));

  private XdbcTypeInfo() {}

  static void send(
      Optional<Integer> dataType, BufferAllocator allocator, ServerStreamListener listener) {
    List<Row> rows =
        ROWS.stream()
            .filter(row -> dataType.isEmpty() || row.dataType() == dataType.get())
            .sorted(Comparator.comparingInt(Row::dataType).thenComparing(Row::typeName))
            .toList();
    try (VectorSchemaRoot root = VectorSchemaRoot.create(Schemas.GET_TYPE_INFO_SCHEMA, allocator)) {
      root.allocateNew();
      for (int i = 0; i < rows.size(); i++) {
        fill(root, i, rows.get(i));
      }
      root.setRowCount(rows.size());
      listener.start(root);
      listener.putNext();
      listener.completed();
    }
  }

  private static void fill(VectorSchemaRoot root, int index, Row row) {
    text(root, "type_name", index, row.typeName());
    integer(root, "data_type", index, row.dataType());
    integer(root, "column_size", index, row.columnSize());
    text(root, "literal_prefix", index, row.literalPrefix());
    text(root, "literal_suffix", index, row.literalPrefix() == null ? null : "'");
    integer(root, "nullable", index, DatabaseMetaData.typeNullable);
    bool(root, "case_sensitive", index, row.caseSensitive());
    integer(root, "searchable", index, DatabaseMetaData.typeSearchable);
    bool(root, "unsigned_attribute", index, false);
    bool(root, "fixed_prec_scale", index, row.fixedPrecisionScale());
    bool(root, "auto_increment", index, false);
    text(root, "local_type_name", index, row.typeName());
    integer(root, "minimum_scale", index, row.maximumScale() == null ? null : 0);
    integer(root, "maximum_scale", index, row.maximumScale());
    integer(root, "sql_data_type", index, row.dataType());
    integer(root, "num_prec_radix", index, row.radix());
  }

  private static void text(VectorSchemaRoot root, String column, int index, String value) {
    VarCharVector vector = (VarCharVector) root.getVector(column);
    if (value == null) {
      vector.setNull(index);
    } else {
      vector.setSafe(index, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void integer(VectorSchemaRoot root, String column, int index, Integer value) {
    IntVector vector = (IntVector) root.getVector(column);
    if (value == null) {
      vector.setNull(index);
    } else {
      vector.setSafe(index, value);
    }
  }

  private static void bool(VectorSchemaRoot root, String column, int index, boolean value) {
    ((BitVector) root.getVector(column)).setSafe(index, value ? 1 : 0);
  }
}

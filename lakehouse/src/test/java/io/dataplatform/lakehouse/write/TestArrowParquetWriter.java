package io.dataplatform.lakehouse.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet files written from Arrow files compared with those DuckDB writes from the same rows: the
 * same schema, the same rows, the same Iceberg metrics.
 */
class TestArrowParquetWriter {
  private static final int ROWS = 150_000;
  private static final int BATCH_ROWS = 65_536;

  private static final Schema TABLE =
      new Schema(
          Types.NestedField.optional(1, "id", Types.LongType.get()),
          Types.NestedField.optional(2, "account", Types.IntegerType.get()),
          Types.NestedField.optional(3, "kind", Types.StringType.get()),
          Types.NestedField.optional(4, "amount", Types.DecimalType.of(12, 2)),
          Types.NestedField.optional(5, "price", Types.DecimalType.of(7, 2)),
          Types.NestedField.optional(6, "happened_at", Types.TimestampType.withZone()),
          Types.NestedField.optional(7, "local_time", Types.TimestampType.withoutZone()),
          Types.NestedField.optional(8, "day", Types.DateType.get()),
          Types.NestedField.optional(9, "at", Types.TimeType.get()),
          Types.NestedField.optional(10, "flag", Types.BooleanType.get()),
          Types.NestedField.optional(11, "ratio", Types.FloatType.get()),
          Types.NestedField.optional(12, "score", Types.DoubleType.get()),
          Types.NestedField.optional(13, "blob", Types.BinaryType.get()),
          Types.NestedField.optional(14, "payload", Types.StringType.get()),
          Types.NestedField.optional(15, "code", Types.StringType.get()),
          Types.NestedField.optional(16, "_dp_extracted_at", Types.TimestampType.withZone()),
          Types.NestedField.optional(17, "_dp_sync_id", Types.StringType.get()),
          Types.NestedField.optional(18, "_dp_deleted", Types.BooleanType.get()),
          Types.NestedField.optional(19, "missing", Types.StringType.get()));

  private static final OffsetDateTime EXTRACTED =
      OffsetDateTime.of(2026, 12, 3, 7, 30, 0, 123_456_000, ZoneOffset.ofHours(2));

  @TempDir Path directory;
  private DuckDBConnection duck;

  @BeforeEach
  void open() throws SQLException {
    duck = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
  }

  @AfterEach
  void close() throws SQLException {
    duck.close();
  }

  private static List<ColumnSource> sources() {
    List<ColumnSource> sources = new ArrayList<>();
    for (Types.NestedField field : TABLE.columns().subList(0, 15)) {
      sources.add(new ColumnSource.FileColumn(field.name()));
    }
    sources.add(new ColumnSource.Constant(EXTRACTED));
    sources.add(new ColumnSource.Constant("sync-42"));
    sources.add(new ColumnSource.Constant(false));
    sources.add(new ColumnSource.Constant(null));
    return sources;
  }

  @Test
  void writesTheRowsSchemaAndMetricsDuckDbWrites() throws Exception {
    Path arrow = arrowFile(fileFields());
    Path written = directory.resolve("written.parquet");
    for (String codec : List.of("zstd", "snappy", "uncompressed")) {
      try (ArrowParquetWriter writer =
          ArrowParquetWriter.open(
                  arrow,
                  TABLE,
                  sources(),
                  new ParquetCompression.Codec(codec, codec.equals("zstd") ? 1 : 0))
              .orElseThrow()) {
        assertEquals(ROWS, writer.write(written));
      }
      Path expected = duckDbFile(arrow);
      assertEquals(
          rows("SELECT * FROM read_parquet('" + expected + "')"),
          rows("SELECT * FROM read_parquet('" + written + "')"),
          codec);
      assertEquals(schema(expected), schema(written));
      assertEquals(
          List.of("131072", "18928"),
          rows(
              "SELECT DISTINCT row_group_num_rows FROM parquet_metadata('"
                  + written
                  + "') ORDER BY 1 DESC"));
      Map<String, Metrics> metrics =
          ParquetMetrics.read(duck, TABLE, List.of(expected.toString(), written.toString()));
      Metrics fromDuckDb = metrics.get(expected.toString());
      Metrics fromWriter = metrics.get(written.toString());
      assertEquals(fromDuckDb.recordCount(), fromWriter.recordCount());
      assertEquals(fromDuckDb.valueCounts(), fromWriter.valueCounts());
      assertEquals(fromDuckDb.nullValueCounts(), fromWriter.nullValueCounts());
      assertEquals(fromDuckDb.lowerBounds(), fromWriter.lowerBounds());
      assertEquals(fromDuckDb.upperBounds(), fromWriter.upperBounds());
      assertTrue(fromWriter.lowerBounds().containsKey(3), "short strings have bounds");
      // code: dictionary pages in the first row group until its second batch, then PLAIN ones
      assertEquals(
          List.of(
              "code|0|PLAIN, RLE, RLE_DICTIONARY",
              "code|1|PLAIN, RLE",
              "kind|0|PLAIN, RLE, RLE_DICTIONARY",
              "kind|1|PLAIN, RLE, RLE_DICTIONARY",
              "payload|0|PLAIN, RLE",
              "payload|1|PLAIN, RLE"),
          rows(
              "SELECT path_in_schema, row_group_id, encodings FROM parquet_metadata('"
                  + written
                  + "') WHERE path_in_schema IN ('kind', 'payload', 'code') ORDER BY 1, 2"),
          "the encodings of each column chunk");
    }
  }

  @Test
  void aColumnWhoseTypeDiffersFromTheTablesIsLeftToDuckDb() throws Exception {
    List<Field> fields = new ArrayList<>(fileFields());
    fields.set(1, Field.nullable("account", new ArrowType.Int(64, true)));
    Path arrow = arrowFile(fields);
    assertTrue(
        ArrowParquetWriter.open(arrow, TABLE, sources(), new ParquetCompression.Codec("zstd", 1))
            .isEmpty());
    assertTrue(
        ArrowParquetWriter.open(
                arrowFile(fileFields()), TABLE, sources(), new ParquetCompression.Codec("gzip", 0))
            .isEmpty());
  }

  @Test
  void aFileWithoutRowsGivesAParquetFileWithoutRowGroups() throws Exception {
    Path arrow = directory.resolve("empty.arrow");
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root =
            VectorSchemaRoot.create(
                new org.apache.arrow.vector.types.pojo.Schema(fileFields()), allocator);
        FileChannel channel =
            FileChannel.open(arrow, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ArrowStreamWriter writer = new ArrowStreamWriter(root, null, channel)) {
      writer.start();
      writer.end();
    }
    Path written = directory.resolve("empty.parquet");
    try (ArrowParquetWriter writer =
        ArrowParquetWriter.open(arrow, TABLE, sources(), new ParquetCompression.Codec("zstd", 1))
            .orElseThrow()) {
      assertEquals(0, writer.write(written));
    }
    assertEquals(List.of("0"), rows("SELECT count(*) FROM read_parquet('" + written + "')"));
    assertEquals(
        List.of("0"), rows("SELECT num_row_groups FROM parquet_file_metadata('" + written + "')"));
  }

  private static List<Field> fileFields() {
    return List.of(
        Field.nullable("id", new ArrowType.Int(64, true)),
        Field.nullable("account", new ArrowType.Int(32, true)),
        Field.nullable("kind", ArrowType.Utf8.INSTANCE),
        Field.nullable("amount", new ArrowType.Decimal(12, 2, 128)),
        Field.nullable("price", new ArrowType.Decimal(7, 2, 128)),
        Field.nullable("happened_at", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
        Field.nullable("local_time", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
        Field.nullable("day", new ArrowType.Date(DateUnit.DAY)),
        Field.nullable("at", new ArrowType.Time(TimeUnit.MICROSECOND, 64)),
        Field.nullable("flag", ArrowType.Bool.INSTANCE),
        Field.nullable("ratio", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
        Field.nullable("score", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
        Field.nullable("blob", ArrowType.Binary.INSTANCE),
        Field.nullable("payload", ArrowType.Utf8.INSTANCE),
        Field.nullable("code", ArrowType.Utf8.INSTANCE));
  }

  /**
   * {@value #ROWS} rows in batches of {@value #BATCH_ROWS}: ids without nulls, a text column
   * without nulls in the first batch, the others with nulls at different rates, long text, text
   * with few distinct values then many.
   */
  private Path arrowFile(List<Field> fields) throws Exception {
    Path file = directory.resolve("rows-" + System.nanoTime() + ".arrow");
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root =
            VectorSchemaRoot.create(
                new org.apache.arrow.vector.types.pojo.Schema(fields), allocator);
        FileChannel channel =
            FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ArrowStreamWriter writer = new ArrowStreamWriter(root, null, channel)) {
      writer.start();
      for (int first = 0; first < ROWS; first += BATCH_ROWS) {
        int count = Math.min(BATCH_ROWS, ROWS - first);
        root.getFieldVectors().forEach(FieldVector::reset);
        for (int index = 0; index < count; index++) {
          fill(root, index, first + index);
        }
        root.setRowCount(count);
        writer.writeBatch();
      }
      writer.end();
    }
    return file;
  }

  private static void fill(VectorSchemaRoot root, int index, int row) {
    ((BigIntVector) root.getVector(0)).setSafe(index, 1_000_000_000_000L - row * 7L);
    FieldVector account = root.getVector(1);
    if (row % 3 == 0) {
      account.setNull(index);
    } else if (account instanceof IntVector ints) {
      ints.setSafe(index, (row * 7919) % 100_000 - 50_000);
    } else {
      ((BigIntVector) account).setSafe(index, row);
    }
    VarCharVector kind = (VarCharVector) root.getVector(2);
    if (row >= BATCH_ROWS && row % 7 == 0) {
      kind.setNull(index);
    } else {
      kind.setSafe(index, text(List.of("view", "click", "purchase", "ré").get(row % 4)));
    }
    DecimalVector amount = (DecimalVector) root.getVector(3);
    if (row % 5 == 0) {
      amount.setNull(index);
    } else {
      amount.setSafe(index, BigDecimal.valueOf((row * 37L) % 10_000_000 - 5_000_000, 2));
    }
    ((DecimalVector) root.getVector(4)).setSafe(index, BigDecimal.valueOf(row % 99_999 - 500, 2));
    TimeStampMicroTZVector happened = (TimeStampMicroTZVector) root.getVector(5);
    if (row % 11 == 0) {
      happened.setNull(index);
    } else {
      happened.setSafe(index, 1_700_000_000_000_000L + row * 1_000_001L);
    }
    ((TimeStampMicroVector) root.getVector(6)).setSafe(index, -86_400_000_000L + row * 999L);
    ((DateDayVector) root.getVector(7)).setSafe(index, 19_000 + row % 1000);
    ((TimeMicroVector) root.getVector(8)).setSafe(index, (row * 1_000_003L) % 86_400_000_000L);
    BitVector flag = (BitVector) root.getVector(9);
    if (row % 13 == 0) {
      flag.setNull(index);
    } else {
      flag.setSafe(index, row % 3 == 1 ? 1 : 0);
    }
    ((Float4Vector) root.getVector(10)).setSafe(index, row / 3.0f);
    Float8Vector score = (Float8Vector) root.getVector(11);
    if (row % 2 == 0) {
      score.setNull(index);
    } else {
      score.setSafe(index, row * 0.25);
    }
    VarBinaryVector blob = (VarBinaryVector) root.getVector(12);
    if (row % 17 == 0) {
      blob.setNull(index);
    } else {
      blob.setSafe(index, new byte[] {(byte) row, (byte) (row >> 8), 0, (byte) 0xFF});
    }
    VarCharVector payload = (VarCharVector) root.getVector(13);
    if (row % 100 == 99) {
      payload.setNull(index);
    } else {
      payload.setSafe(index, text(("row " + row + " ").repeat(1 + row % 20)));
    }
    // a dictionary in the first batch, too many distinct values in the second
    ((VarCharVector) root.getVector(14))
        .setSafe(index, text(row < BATCH_ROWS ? "c" + row % 10 : "x" + row));
  }

  private static byte[] text(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /** The rows of {@code arrow} with the constant columns, written by DuckDB as the table's. */
  private Path duckDbFile(Path arrow) throws Exception {
    Path file = directory.resolve("duckdb-" + System.nanoTime() + ".parquet");
    try (BufferAllocator allocator = new RootAllocator();
        FileChannel input = FileChannel.open(arrow, StandardOpenOption.READ);
        ArrowStreamReader reader = new ArrowStreamReader(input, allocator);
        ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
      Data.exportArrayStream(allocator, reader, stream);
      duck.registerArrowStream("arrow_rows", stream);
      execute(
          "COPY (SELECT *, TIMESTAMPTZ '"
              + EXTRACTED
              + "' AS _dp_extracted_at, 'sync-42' AS _dp_sync_id, false AS _dp_deleted,"
              + " CAST(NULL AS VARCHAR) AS missing FROM arrow_rows) TO '"
              + file
              + "' (FORMAT parquet, FIELD_IDS "
              + io.dataplatform.lakehouse.catalog.TypeMapping.fieldIds(TABLE)
              + ", COMPRESSION zstd)");
      execute("DROP VIEW arrow_rows");
    }
    return file;
  }

  private List<String> schema(Path file) throws SQLException {
    return rows(
        "SELECT name, type, repetition_type, num_children, converted_type, scale, precision,"
            + " field_id, logical_type FROM parquet_schema('"
            + file
            + "') WHERE num_children IS NULL");
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = duck.createStatement()) {
      statement.execute(sql);
    }
  }

  private List<String> rows(String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = duck.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          values.add(String.valueOf(result.getObject(i)));
        }
        rows.add(values.stream().collect(Collectors.joining("|")));
      }
    }
    return rows;
  }
}

package io.dataplatform.lakehouse.write;

import static io.dataplatform.lakehouse.catalog.TypeMapping.duckdbType;
import static io.dataplatform.lakehouse.catalog.TypeMapping.literal;
import static io.dataplatform.lakehouse.catalog.TypeMapping.quote;

import io.dataplatform.lakehouse.catalog.TypeMapping;
import io.dataplatform.lakehouse.io.LocalFileIO;
import io.dataplatform.lakehouse.io.StatementFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.transforms.Transforms;
import org.apache.iceberg.types.Type;

/**
 * Writes the rows of a DuckDB query as Parquet data files of an Iceberg table: one {@code COPY}
 * with the table's field ids, one directory per partition value, metrics from the written files.
 * Nothing is committed here.
 */
public final class DataWriter {
  private DataWriter() {}

  /**
   * Writes {@code select}, whose columns are exactly the table schema's columns in order. DuckDB
   * writes to the statement's staging paths; each file is then published to its location.
   *
   * @return the written files; none when the query produced no rows
   */
  public static List<DataFile> write(
      StatementFiles files, Connection duck, Table table, String select) throws SQLException {
    Schema schema = table.schema();
    PartitionSpec spec = table.spec();
    String directoryLocation =
        table.locationProvider().newDataLocation(UUID.randomUUID().toString());
    Path directory = files.staging(directoryLocation);
    String fieldIds = TypeMapping.fieldIds(schema);
    String compression = ParquetCompression.dataOptions(table.name(), table.properties());
    Map<String, String> written = new LinkedHashMap<>();
    Map<String, StructLike> partitions = new HashMap<>();
    List<String> published = new ArrayList<>();
    try {
      if (spec.isUnpartitioned()) {
        Path file = directory.resolveSibling(directory.getFileName() + ".parquet");
        mkdirs(file.getParent());
        written.put(file.toString(), directoryLocation + ".parquet");
        execute(
            duck,
            "COPY ("
                + select
                + ") TO "
                + literal(file.toString())
                + " (FORMAT parquet, FIELD_IDS "
                + fieldIds
                + compression
                + ")");
      } else {
        mkdirs(directory);
        Map<Integer, StructLike> byId =
            writePartitioned(
                duck, schema, spec, select, directory.toString(), fieldIds + compression);
        try (Stream<Path> staged = Files.walk(directory)) {
          for (Path file : staged.filter(Files::isRegularFile).sorted().toList()) {
            String partitionDirectory = file.getParent().getFileName().toString();
            int id =
                Integer.parseInt(partitionDirectory.substring(partitionDirectory.indexOf('=') + 1));
            String relative = directory.relativize(file).toString().replace('\\', '/');
            written.put(file.toString(), directoryLocation + "/" + relative);
            partitions.put(file.toString(), byId.get(id));
          }
        }
      }
      return dataFiles(files, duck, table, written, partitions, published);
    } catch (IOException e) {
      cleanUp(table, written.keySet(), directory, published);
      throw new UncheckedIOException(e);
    } catch (SQLException | RuntimeException e) {
      cleanUp(table, written.keySet(), directory, published);
      throw e;
    }
  }

  /**
   * Writes the rows of a staged Arrow IPC stream file as one data file of an unpartitioned {@code
   * table}, without DuckDB reading the file, when each column's values can be written as they are:
   * file columns with exactly the table's types, constants of the column's Java class, and nulls.
   *
   * @param sources where each of the table's columns takes its values, in the schema's order
   * @return the written file (none when the file has no rows); empty when the file must be
   *     converted by {@link #write} instead
   */
  public static Optional<List<DataFile>> writeArrow(
      StatementFiles files,
      Connection duck,
      Table table,
      Path arrowFile,
      List<ColumnSource> sources)
      throws SQLException {
    if (!table.spec().isUnpartitioned()) {
      return Optional.empty();
    }
    ParquetCompression.Codec codec = ParquetCompression.dataCodec(table.name(), table.properties());
    Map<String, String> written = new LinkedHashMap<>();
    List<String> published = new ArrayList<>();
    try {
      Optional<ArrowParquetWriter> opened =
          ArrowParquetWriter.open(arrowFile, table.schema(), sources, codec);
      if (opened.isEmpty()) {
        return Optional.empty();
      }
      String location = table.locationProvider().newDataLocation(UUID.randomUUID() + ".parquet");
      Path file = files.staging(location);
      try (ArrowParquetWriter writer = opened.get()) {
        mkdirs(file.getParent());
        written.put(file.toString(), location);
        writer.write(file);
      }
      return Optional.of(dataFiles(files, duck, table, written, Map.of(), published));
    } catch (IOException e) {
      cleanUp(table, written.keySet(), null, published);
      throw new UncheckedIOException(
          "Cannot write a data file from staged file "
              + arrowFile.getFileName()
              + ": "
              + e.getMessage(),
          e);
    } catch (SQLException | RuntimeException e) {
      cleanUp(table, written.keySet(), null, published);
      throw e;
    }
  }

  private static void cleanUp(
      Table table, Collection<String> staged, Path directory, List<String> published) {
    delete(List.copyOf(staged));
    if (directory != null) {
      deleteDirectory(directory.toString());
    }
    for (String location : published) {
      try {
        table.io().deleteFile(location);
      } catch (RuntimeException e) {
        // an orphan file is harmless: it is not referenced by any snapshot
      }
    }
  }

  /**
   * Reads the staged files' metrics and publishes the non-empty ones.
   *
   * @param written staged path to the location the file will have
   * @param published receives each published location, for clean-up on failure
   */
  private static List<DataFile> dataFiles(
      StatementFiles files,
      Connection duck,
      Table table,
      Map<String, String> written,
      Map<String, StructLike> partitions,
      List<String> published)
      throws SQLException {
    if (written.isEmpty()) {
      return List.of();
    }
    List<String> staged = List.copyOf(written.keySet());
    Map<String, Metrics> metrics = ParquetMetrics.read(duck, table.schema(), staged);
    List<DataFile> result = new ArrayList<>();
    for (String path : staged) {
      Metrics fileMetrics = metrics.get(path);
      if (fileMetrics.recordCount() == 0) {
        delete(List.of(path));
        continue;
      }
      long size = new java.io.File(path).length();
      String location = files.publish(table.io(), Paths.get(path), written.get(path));
      published.add(location);
      DataFiles.Builder builder =
          DataFiles.builder(table.spec())
              .withPath(location)
              .withFormat(FileFormat.PARQUET)
              .withFileSizeInBytes(size)
              .withMetrics(fileMetrics);
      if (partitions.containsKey(path)) {
        builder.withPartition(partitions.get(path));
      }
      result.add(builder.build());
    }
    return result;
  }

  /**
   * Deletes written local files that will not be committed. Best effort: files on an object store
   * are left as orphans, which no snapshot references.
   */
  public static void delete(List<String> paths) {
    for (String path : paths) {
      if (path.contains("://") && !path.startsWith("file:")) {
        continue;
      }
      try {
        Files.deleteIfExists(Paths.get(LocalFileIO.toLocalPath(path)));
      } catch (IOException e) {
        // an orphan file is harmless: it is not referenced by any snapshot
      }
    }
  }

  private static Map<Integer, StructLike> writePartitioned(
      Connection duck,
      Schema schema,
      PartitionSpec spec,
      String select,
      String directory,
      String fieldIdsAndCompression)
      throws SQLException {
    boolean bucketed =
        spec.fields().stream().anyMatch(f -> f.transform().toString().startsWith("bucket"));
    String rows = "(" + select + ")";
    if (bucketed) {
      // bucket values are computed by Iceberg in Java for the distinct source values
      execute(duck, "CREATE OR REPLACE TEMP TABLE __dp_rows AS " + select);
      rows = "__dp_rows";
    }
    List<String> keys = new ArrayList<>();
    List<String> joins = new ArrayList<>();
    for (int index = 0; index < spec.fields().size(); index++) {
      PartitionField field = spec.fields().get(index);
      String column = quote(schema.findColumnName(field.sourceId()));
      Type sourceType = schema.findType(field.sourceId());
      String transform = field.transform().toString();
      if (transform.startsWith("bucket")) {
        int buckets = Integer.parseInt(transform.substring(7, transform.length() - 1));
        String mapping = "__dp_bucket_" + index;
        fillBuckets(duck, mapping, internal(column, sourceType), sourceType, buckets);
        String alias = "b" + index;
        joins.add(
            " LEFT JOIN "
                + mapping
                + " "
                + alias
                + " ON "
                + alias
                + ".v = "
                + internal("r." + column, sourceType));
        keys.add(alias + ".b AS __p" + index);
      } else {
        keys.add(PartitionExpressions.of(transform, "r." + column, sourceType) + " AS __p" + index);
      }
    }
    execute(
        duck,
        "CREATE OR REPLACE TEMP TABLE __dp_keyed AS SELECT r.*, "
            + String.join(", ", keys)
            + " FROM "
            + rows
            + " r"
            + String.join("", joins));
    int count = keys.size();
    String partitionColumns =
        Stream.iterate(0, i -> i + 1)
            .limit(count)
            .map(i -> "__p" + i)
            .collect(Collectors.joining(", "));
    execute(
        duck,
        "CREATE OR REPLACE TEMP TABLE __dp_parts AS SELECT row_number() OVER () - 1 AS __pid, *"
            + " FROM (SELECT DISTINCT "
            + partitionColumns
            + " FROM __dp_keyed)");
    String on =
        Stream.iterate(0, i -> i + 1)
            .limit(count)
            .map(i -> "k.__p" + i + " IS NOT DISTINCT FROM p.__p" + i)
            .collect(Collectors.joining(" AND "));
    String columns =
        schema.columns().stream()
            .map(c -> "k." + quote(c.name()))
            .collect(Collectors.joining(", "));
    execute(
        duck,
        "COPY (SELECT "
            + columns
            + ", p.__pid FROM __dp_keyed k JOIN __dp_parts p ON "
            + on
            + ") TO "
            + literal(directory)
            + " (FORMAT parquet, PARTITION_BY (__pid), OVERWRITE_OR_IGNORE, FIELD_IDS "
            + fieldIdsAndCompression
            + ")");
    Map<Integer, StructLike> partitions = readPartitions(duck, schema, spec);
    execute(
        duck,
        "DROP TABLE __dp_keyed; DROP TABLE __dp_parts"
            + (bucketed ? "; DROP TABLE __dp_rows" : ""));
    return partitions;
  }

  /** The partition values of each partition id, in Iceberg's internal representation. */
  private static Map<Integer, StructLike> readPartitions(
      Connection duck, Schema schema, PartitionSpec spec) throws SQLException {
    List<Type> resultTypes =
        spec.fields().stream()
            .map(f -> f.transform().getResultType(schema.findType(f.sourceId())))
            .toList();
    Map<Integer, StructLike> partitions = new HashMap<>();
    try (PreparedStatement statement = duck.prepareStatement("SELECT * FROM __dp_parts");
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        Object[] values = new Object[resultTypes.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = PartitionExpressions.internalValue(resultTypes.get(i), rows.getObject(i + 2));
        }
        partitions.put(rows.getInt(1), new PartitionValues(values));
      }
    }
    return partitions;
  }

  /** The DuckDB expression of a value in Iceberg's internal form (days, micros). */
  static String internal(String column, Type type) {
    return switch (type.typeId()) {
      case DATE -> "datediff('day', DATE '1970-01-01', " + column + ")";
      case TIMESTAMP -> "epoch_us(" + column + ")";
      default -> column;
    };
  }

  @SuppressWarnings("unchecked")
  private static void fillBuckets(
      Connection duck, String table, String source, Type type, int buckets) throws SQLException {
    Type internalType =
        type.typeId() == Type.TypeID.DATE
            ? org.apache.iceberg.types.Types.IntegerType.get()
            : type.typeId() == Type.TypeID.TIMESTAMP
                ? org.apache.iceberg.types.Types.LongType.get()
                : type;
    Function<Object, Integer> bucket =
        (Function<Object, Integer>) (Function<?, ?>) Transforms.bucket(buckets).bind(type);
    execute(
        duck,
        "CREATE OR REPLACE TEMP TABLE "
            + table
            + " (v "
            + duckdbType(internalType)
            + ", b INTEGER)");
    List<Object> values = new ArrayList<>();
    try (PreparedStatement statement =
            duck.prepareStatement(
                "SELECT DISTINCT " + source + " FROM __dp_rows WHERE " + source + " IS NOT NULL");
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        values.add(rows.getObject(1));
      }
    }
    try (PreparedStatement insert =
        duck.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
      for (Object value : values) {
        Object internalValue = PartitionExpressions.internalValue(internalType, value);
        insert.setObject(1, value);
        insert.setInt(2, bucket.apply(internalValue));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void execute(Connection duck, String sql) throws SQLException {
    try (var statement = duck.createStatement()) {
      statement.execute(sql);
    }
  }

  private static void mkdirs(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create data directory: " + e.getMessage() + " (" + directory + ")", e);
    }
  }

  private static void deleteDirectory(String directory) {
    Path path = Paths.get(directory);
    if (!Files.isDirectory(path)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      files
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(file -> delete(List.of(file.toString())));
    } catch (IOException e) {
      // orphan files are harmless
    }
  }

  /** Partition values in Iceberg's internal representation. */
  private record PartitionValues(Object[] values) implements StructLike {
    @Override
    public int size() {
      return values.length;
    }

    @Override
    public <T> T get(int pos, Class<T> javaClass) {
      return javaClass.cast(values[pos]);
    }

    @Override
    public <T> void set(int pos, T value) {
      values[pos] = value;
    }
  }
}

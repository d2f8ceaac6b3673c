package io.dataplatform.lakehouse.write;

import static io.dataplatform.lakehouse.catalog.TypeMapping.literal;

import io.dataplatform.lakehouse.io.StatementFiles;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileMetadata;
import org.apache.iceberg.MetadataColumns;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;

/**
 * Writes an Iceberg position-delete file: Parquet with the reserved columns {@code file_path} and
 * {@code pos} (field ids 2147483546 and 2147483545), rows sorted by path then position, as the
 * Iceberg v2 specification requires. Nothing is committed here.
 */
public final class PositionDeleteWriter {
  private PositionDeleteWriter() {}

  /**
   * Writes the rows of {@code select}, whose columns are {@code file_path} (a data file's location
   * as Iceberg records it) and {@code pos} (a row position in it), into one delete file of {@code
   * partition} in {@code spec}. Every data file named must belong to that partition.
   *
   * @return the delete file; empty when the query produced no rows
   */
  public static Optional<DeleteFile> write(
      StatementFiles files,
      Connection duck,
      Table table,
      PartitionSpec spec,
      StructLike partition,
      String select)
      throws SQLException {
    String name = UUID.randomUUID() + "-deletes.parquet";
    String location =
        spec.isUnpartitioned()
            ? table.locationProvider().newDataLocation(name)
            : table.locationProvider().newDataLocation(spec, partition, name);
    Path staged = files.staging(location);
    try {
      Files.createDirectories(staged.getParent());
      execute(
          duck,
          "COPY (SELECT CAST(file_path AS VARCHAR) AS file_path, CAST(pos AS BIGINT) AS pos FROM ("
              + select
              + ") ORDER BY file_path, pos) TO "
              + literal(staged.toString())
              + " (FORMAT parquet, FIELD_IDS {file_path: "
              + MetadataColumns.DELETE_FILE_PATH.fieldId()
              + ", pos: "
              + MetadataColumns.DELETE_FILE_POS.fieldId()
              + "}"
              + ParquetCompression.deleteOptions(table.name(), table.properties())
              + ")");
      Summary summary = summary(duck, staged);
      if (summary.rows() == 0) {
        DataWriter.delete(List.of(staged.toString()));
        return Optional.empty();
      }
      long size = new File(staged.toString()).length();
      String published = files.publish(table.io(), staged, location);
      FileMetadata.Builder builder =
          FileMetadata.deleteFileBuilder(spec)
              .ofPositionDeletes()
              .withPath(published)
              .withFormat(FileFormat.PARQUET)
              .withFileSizeInBytes(size)
              .withMetrics(summary.metrics());
      if (!spec.isUnpartitioned()) {
        builder.withPartition(partition);
      }
      if (summary.firstPath().equals(summary.lastPath())) {
        builder.withReferencedDataFile(summary.firstPath());
      }
      return Optional.of(builder.build());
    } catch (IOException e) {
      DataWriter.delete(List.of(staged.toString()));
      throw new UncheckedIOException(
          "Cannot write position deletes: " + e.getMessage() + " (" + location + ")", e);
    } catch (SQLException | RuntimeException e) {
      DataWriter.delete(List.of(staged.toString()));
      throw e;
    }
  }

  /** What the written file holds: its row count and the bounds planning prunes delete files by. */
  private record Summary(long rows, String firstPath, String lastPath, long minPos, long maxPos) {
    Metrics metrics() {
      int pathId = MetadataColumns.DELETE_FILE_PATH.fieldId();
      int posId = MetadataColumns.DELETE_FILE_POS.fieldId();
      return new Metrics(
          rows,
          null,
          Map.of(pathId, rows, posId, rows),
          Map.of(pathId, 0L, posId, 0L),
          null,
          Map.of(
              pathId,
              Conversions.toByteBuffer(Types.StringType.get(), firstPath),
              posId,
              Conversions.toByteBuffer(Types.LongType.get(), minPos)),
          Map.of(
              pathId,
              Conversions.toByteBuffer(Types.StringType.get(), lastPath),
              posId,
              Conversions.toByteBuffer(Types.LongType.get(), maxPos)));
    }
  }

  private static Summary summary(Connection duck, Path file) throws SQLException {
    try (PreparedStatement statement =
            duck.prepareStatement(
                "SELECT count(*), min(file_path), max(file_path), min(pos), max(pos)"
                    + " FROM read_parquet("
                    + literal(file.toString())
                    + ")");
        ResultSet result = statement.executeQuery()) {
      result.next();
      long rows = result.getLong(1);
      if (rows == 0) {
        return new Summary(0, "", "", 0, 0);
      }
      return new Summary(
          rows, result.getString(2), result.getString(3), result.getLong(4), result.getLong(5));
    }
  }

  private static void execute(Connection duck, String sql) throws SQLException {
    try (var statement = duck.createStatement()) {
      statement.execute(sql);
    }
  }
}

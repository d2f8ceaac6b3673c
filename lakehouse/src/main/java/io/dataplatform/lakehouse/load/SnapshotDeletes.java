package io.dataplatform.lakehouse.load;

import io.dataplatform.lakehouse.io.StatementFiles;
import io.dataplatform.lakehouse.scan.ParquetRelation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileContent;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.duckdb.DuckDBConnection;

/**
 * The position deletes a snapshot applies to some of its data files: how many rows of each data
 * file are deleted, and which data files each delete file names.
 */
final class SnapshotDeletes {
  private final Map<String, Long> deletedRows;
  private final Map<String, DeleteFile> deleteFiles;
  private final Map<String, Set<String>> namedFiles;

  private SnapshotDeletes(
      Map<String, Long> deletedRows,
      Map<String, DeleteFile> deleteFiles,
      Map<String, Set<String>> namedFiles) {
    this.deletedRows = deletedRows;
    this.deleteFiles = deleteFiles;
    this.namedFiles = namedFiles;
  }

  /** Reads the position-delete files of {@code tasks}. */
  static SnapshotDeletes of(DuckDBConnection duck, StatementFiles files, List<FileScanTask> tasks)
      throws SQLException {
    Map<String, DeleteFile> deleteFiles = new LinkedHashMap<>();
    for (FileScanTask task : tasks) {
      for (DeleteFile delete : task.deletes()) {
        if (delete.content() == FileContent.POSITION_DELETES) {
          deleteFiles.putIfAbsent(delete.location(), delete);
        }
      }
    }
    Map<String, Long> deletedRows = new HashMap<>();
    Map<String, Set<String>> namedFiles = new HashMap<>();
    if (deleteFiles.isEmpty()) {
      return new SnapshotDeletes(deletedRows, deleteFiles, namedFiles);
    }
    Map<String, String> locationByLocal = new HashMap<>();
    for (String location : deleteFiles.keySet()) {
      locationByLocal.put(files.readable(location, -1), location);
    }
    String sql =
        "SELECT filename, file_path, count(*) FROM read_parquet("
            + ParquetRelation.pathList(List.copyOf(locationByLocal.keySet()))
            + ", filename = true) GROUP BY ALL";
    try (PreparedStatement statement = duck.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        String deleteLocation = locationByLocal.get(rows.getString(1));
        String dataLocation = normalized(rows.getString(2));
        deletedRows.merge(dataLocation, rows.getLong(3), Long::sum);
        namedFiles.computeIfAbsent(deleteLocation, key -> new HashSet<>()).add(dataLocation);
      }
    }
    return new SnapshotDeletes(deletedRows, deleteFiles, namedFiles);
  }

  /** Rows of the data file at {@code location} that its position deletes delete. */
  long deletedRows(String location) {
    return deletedRows.getOrDefault(normalized(location), 0L);
  }

  /** The delete files read that name only data files among {@code rewritten} (locations). */
  List<DeleteFile> onlyNaming(Set<String> rewritten) {
    Set<String> normalized = new HashSet<>();
    rewritten.forEach(location -> normalized.add(normalized(location)));
    List<DeleteFile> result = new ArrayList<>();
    deleteFiles.forEach(
        (location, file) -> {
          if (normalized.containsAll(namedFiles.getOrDefault(location, Set.of()))) {
            result.add(file);
          }
        });
    return result;
  }

  /** Every delete file live in {@code snapshot}, including those naming no live data file. */
  static List<DeleteFile> all(Table table, Snapshot snapshot) {
    List<DeleteFile> result = new ArrayList<>();
    for (ManifestFile manifest : snapshot.deleteManifests(table.io())) {
      try (ManifestReader<DeleteFile> reader =
          ManifestFiles.readDeleteManifest(manifest, table.io(), table.specs())) {
        reader.forEach(file -> result.add(file.copyWithoutStats()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return result;
  }

  /** How many delete files are live in {@code snapshot}, from its summary. */
  static long count(Table table, Snapshot snapshot) {
    String total = snapshot.summary().get("total-delete-files");
    return total == null ? all(table, snapshot).size() : Long.parseLong(total);
  }

  /** A location without a {@code file:} scheme, as delete files may name it either way. */
  static String normalized(String location) {
    return location.replaceFirst("^file:(//)?", "");
  }
}

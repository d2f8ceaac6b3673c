package io.dataplatform.lakehouse.scan;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;

/**
 * A data file a scan reads.
 *
 * @param path the file's location as Iceberg records it: a local path, a {@code file:} URI or an
 *     object store URI such as {@code s3://bucket/key}
 * @param positionDeletes the locations of the position-delete files that apply to it
 */
public record PlannedFile(
    String path, long recordCount, long sizeBytes, List<String> positionDeletes) {
  public PlannedFile {
    requireNonNull(path, "path");
    positionDeletes = List.copyOf(positionDeletes);
  }

  /** The file a scan task reads, with its position deletes. */
  public static PlannedFile of(Table table, FileScanTask task) {
    return new PlannedFile(
        task.file().location(),
        task.file().recordCount(),
        task.file().fileSizeInBytes(),
        ScanPlanner.positionDeletes(table, task));
  }
}

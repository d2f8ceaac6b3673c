package io.dataplatform.lakehouse.scan;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.iceberg.Schema;

/**
 * The files one table reference reads, after partition and statistics pruning.
 *
 * @param schema the schema the rows are read with (the snapshot's schema for time travel)
 * @param readByFieldId whether columns must be matched by Iceberg field id (the table's schema
 *     changed at some point) rather than by name
 * @param filesPlanned data files in the snapshot before pruning
 */
public record PlannedScan(
    Schema schema,
    boolean readByFieldId,
    List<PlannedFile> files,
    long filesPlanned,
    long snapshotId) {
  public PlannedScan {
    requireNonNull(schema, "schema");
    files = List.copyOf(files);
  }

  public long filesScanned() {
    return files.size();
  }

  public long bytesScanned() {
    return files.stream().mapToLong(PlannedFile::sizeBytes).sum();
  }
}

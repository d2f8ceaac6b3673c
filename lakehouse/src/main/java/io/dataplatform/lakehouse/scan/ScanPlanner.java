package io.dataplatform.lakehouse.scan;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileContent;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Plans which Parquet files a table reference reads, with Iceberg's partition and min/max pruning.
 * Plans are cached by metadata file, snapshot and filter. Thread-safe.
 */
public final class ScanPlanner {
  private static final int CACHE_SIZE = 256;
  private final Map<String, PlannedScan> cache =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PlannedScan> eldest) {
              return size() > CACHE_SIZE;
            }
          });

  /**
   * Plans a scan of the current snapshot, or of {@code snapshotId} when it is not null.
   *
   * @param tableKey a key that identifies the table's metadata version (its metadata location)
   */
  public PlannedScan plan(String tableKey, Table table, Long snapshotId, Expression filter) {
    Snapshot snapshot = snapshotId == null ? table.currentSnapshot() : table.snapshot(snapshotId);
    if (snapshotId != null && snapshot == null) {
      throw new DpException(
          StandardErrorCode.NOT_FOUND,
          "Cannot time travel: no such snapshot (" + table.name() + ", " + snapshotId + ")");
    }
    Schema schema = snapshotId == null ? table.schema() : SnapshotUtil.schemaFor(table, snapshotId);
    boolean byFieldId = table.schemas().size() > 1;
    if (snapshot == null) {
      return new PlannedScan(schema, byFieldId, List.of(), 0, -1);
    }
    String key =
        tableKey
            + "|"
            + schema.schemaId()
            + "|"
            + table.schemas().size()
            + "|"
            + snapshot.snapshotId()
            + "|"
            + filter;
    PlannedScan cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    TableScan scan = table.newScan().useSnapshot(snapshot.snapshotId()).caseSensitive(false);
    scan = scan.filter(filter);
    List<PlannedFile> files = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
      for (FileScanTask task : tasks) {
        files.add(PlannedFile.of(table, task));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long planned =
        Long.parseLong(snapshot.summary().getOrDefault("total-data-files", "" + files.size()));
    PlannedScan result = new PlannedScan(schema, byFieldId, files, planned, snapshot.snapshotId());
    cache.put(key, result);
    return result;
  }

  /**
   * Locations of the position-delete files of a task; fails with {@code NOT_SUPPORTED} on equality
   * deletes and deletion vectors, which the engine cannot apply.
   */
  public static List<String> positionDeletes(Table table, FileScanTask task) {
    List<String> paths = new ArrayList<>();
    for (DeleteFile delete : task.deletes()) {
      if (delete.content() == FileContent.EQUALITY_DELETES) {
        throw new DpException(
            StandardErrorCode.NOT_SUPPORTED,
            "Cannot read table: equality deletes are not supported; compact the table first ("
                + table.name()
                + ")");
      }
      if (delete.format() != FileFormat.PARQUET) {
        throw new DpException(
            StandardErrorCode.NOT_SUPPORTED,
            "Cannot read table: deletion vectors and "
                + delete.format()
                + " delete files are not supported; compact the table first ("
                + table.name()
                + ")");
      }
      paths.add(delete.location());
    }
    return paths;
  }
}

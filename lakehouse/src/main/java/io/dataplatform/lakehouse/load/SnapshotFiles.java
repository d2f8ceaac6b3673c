package io.dataplatform.lakehouse.load;

import static java.util.Objects.requireNonNull;

import io.dataplatform.lakehouse.scan.PlannedFile;
import io.dataplatform.lakehouse.scan.PlannedScan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The data files of the snapshot a keyed commit builds on, and how to read them as the table being
 * committed ({@code table}, whose schema a transaction may have changed) sees them.
 */
final class SnapshotFiles {
  private final Table committed;
  private final Table table;
  private final Snapshot base;

  /** {@code base} may be null (no snapshot yet) as long as nothing is planned or scanned. */
  SnapshotFiles(Table committed, Table table, Snapshot base) {
    this.committed = requireNonNull(committed, "committed");
    this.table = requireNonNull(table, "table");
    this.base = base;
  }

  /** The base snapshot's data files that may hold rows matching {@code filter}. */
  List<FileScanTask> plan(Expression filter) {
    List<FileScanTask> tasks = new ArrayList<>();
    try (CloseableIterable<FileScanTask> planned =
        committed
            .newScan()
            .useSnapshot(base.snapshotId())
            .filter(filter)
            .caseSensitive(false)
            .planFiles()) {
      planned.forEach(tasks::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tasks;
  }

  /** A scan of {@code tasks} (with their deletes) in the committed table's schema. */
  PlannedScan scan(List<FileScanTask> tasks) {
    List<PlannedFile> planned =
        tasks.stream().map(task -> PlannedFile.of(committed, task)).toList();
    return new PlannedScan(
        table.schema(),
        table.schemas().size() > 1 || committed.schemas().size() > 1,
        planned,
        planned.size(),
        base.snapshotId());
  }
}

package io.dataplatform.lakehouse.load;

import static java.util.Objects.requireNonNull;

import io.dataplatform.lakehouse.io.StatementFiles;
import io.dataplatform.lakehouse.scan.ParquetRelation;
import io.dataplatform.lakehouse.write.DataWriter;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.duckdb.DuckDBConnection;

/**
 * The compaction a keyed table's commits left for later ({@link Compaction#DEFERRED}): the data
 * files whose position deletes passed the {@link CompactionThresholds}' fraction are rewritten
 * without their deleted rows, and the delete files that named only them are removed; when the table
 * holds more delete files than the limit, every data file with deletes and every delete file. The
 * rows stay the same.
 */
final class KeyedCompaction {
  private final DuckDBConnection duck;
  private final StatementFiles files;
  private final Table committed;
  private final Table table;
  private final Snapshot base;
  private final CompactionThresholds thresholds;
  private final SnapshotFiles snapshot;

  KeyedCompaction(
      DuckDBConnection duck,
      StatementFiles files,
      Table committed,
      Table table,
      Snapshot base,
      CompactionThresholds thresholds) {
    this.duck = requireNonNull(duck, "duck");
    this.files = requireNonNull(files, "files");
    this.committed = requireNonNull(committed, "committed");
    this.table = requireNonNull(table, "table");
    this.base = requireNonNull(base, "base");
    this.thresholds = requireNonNull(thresholds, "thresholds");
    this.snapshot = new SnapshotFiles(committed, table, base);
  }

  /**
   * Writes the rewritten files, adding them to {@code written} as they are written, so that the
   * caller can delete them when the commit fails.
   *
   * @return what to commit; empty when no file is past a threshold
   */
  Optional<KeyedMerge.Result> run(List<DataFile> written, PhaseClock clock) throws SQLException {
    List<FileScanTask> tasks = snapshot.plan(Expressions.alwaysTrue());
    clock.lap("plan");
    SnapshotDeletes existing = SnapshotDeletes.of(duck, files, tasks);
    boolean all = SnapshotDeletes.count(committed, base) > thresholds.maxDeleteFiles();
    Map<String, FileScanTask> rewrite = new LinkedHashMap<>();
    for (FileScanTask task : tasks) {
      long deleted = existing.deletedRows(task.file().location());
      if (all
          ? !task.deletes().isEmpty()
          : deleted > thresholds.deletedFraction() * task.file().recordCount()) {
        rewrite.put(task.file().location(), task);
      }
    }
    clock.lap("existing deletes");
    if (rewrite.isEmpty()) {
      return Optional.empty();
    }
    List<DeleteFile> removed =
        all ? SnapshotDeletes.all(committed, base) : existing.onlyNaming(rewrite.keySet());
    List<FileScanTask> rewritten = List.copyOf(rewrite.values());
    written.addAll(
        DataWriter.write(
            files, duck, table, ParquetRelation.select(snapshot.scan(rewritten), files)));
    clock.lap("rewrites");
    return Optional.of(
        new KeyedMerge.Result(
            rewritten.stream().map(FileScanTask::file).toList(),
            written,
            List.of(),
            removed,
            Set.of(),
            Expressions.alwaysTrue(),
            base,
            false));
  }
}

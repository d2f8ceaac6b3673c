package io.dataplatform.lakehouse.load;

import static io.dataplatform.lakehouse.catalog.TypeMapping.literal;
import static io.dataplatform.lakehouse.catalog.TypeMapping.quote;
import static java.util.Objects.requireNonNull;

import io.dataplatform.lakehouse.io.StatementFiles;
import io.dataplatform.lakehouse.scan.ParquetRelation;
import io.dataplatform.lakehouse.write.DataWriter;
import io.dataplatform.lakehouse.write.PositionDeleteWriter;
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
import java.util.stream.Collectors;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotUpdate;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.duckdb.DuckDBConnection;

/**
 * An upsert by merge-on-read: the latest staged row of each key is added, and the live rows of the
 * staged keys in the current snapshot (found by file and position in the data files that may hold
 * one, pruned by the key's bounds when the key is one column) are deleted by one position-delete
 * file per partition, all in one row delta. Where deletes would pile up past the {@link
 * CompactionThresholds}, the data files concerned are rewritten copy-on-write in the same commit
 * instead, and the delete files that named only them are removed. With {@link Compaction#DEFERRED},
 * only the limit on delete files rewrites in the commit; {@link KeyedCompaction} rewrites the files
 * past the deleted fraction later, in a commit of its own.
 */
final class KeyedMerge {
  private static final String LATEST = "__dp_latest";
  private static final String MATCHED = "__dp_matched";

  private final DuckDBConnection duck;
  private final StatementFiles files;
  private final Table committed;
  private final Table table;
  private final Snapshot base;
  private final StagingTable staging;
  private final LoadTarget target;
  private final CompactionThresholds thresholds;
  private final Compaction compaction;
  private final SnapshotFiles snapshot;

  KeyedMerge(
      DuckDBConnection duck,
      StatementFiles files,
      Table committed,
      Table table,
      Snapshot base,
      StagingTable staging,
      LoadTarget target,
      CompactionThresholds thresholds,
      Compaction compaction) {
    this.duck = requireNonNull(duck, "duck");
    this.files = requireNonNull(files, "files");
    this.committed = requireNonNull(committed, "committed");
    this.table = requireNonNull(table, "table");
    this.base = base;
    this.staging = requireNonNull(staging, "staging");
    this.target = requireNonNull(target, "target");
    this.thresholds = requireNonNull(thresholds, "thresholds");
    this.compaction = requireNonNull(compaction, "compaction");
    this.snapshot = new SnapshotFiles(committed, table, base);
  }

  /**
   * The files a merge wrote and removed, and how to commit them.
   *
   * @param rewritten data files rewritten copy-on-write
   * @param written new data files: the latest rows and the rewritten files' remaining rows
   * @param deletes new position-delete files
   * @param deletesRemoved delete files that named only rewritten data files
   * @param referenced the data files the new delete files name, which must still exist at commit
   * @param conflictFilter the rows the merge read
   * @param compactionDeferred whether data files passed the deleted fraction and were left for a
   *     later {@link KeyedCompaction} ({@link Compaction#DEFERRED})
   */
  record Result(
      List<DataFile> rewritten,
      List<DataFile> written,
      List<DeleteFile> deletes,
      List<DeleteFile> deletesRemoved,
      Set<String> referenced,
      Expression conflictFilter,
      Snapshot base,
      boolean compactionDeferred) {
    Result {
      rewritten = List.copyOf(rewritten);
      written = List.copyOf(written);
      deletes = List.copyOf(deletes);
      deletesRemoved = List.copyOf(deletesRemoved);
      referenced = Set.copyOf(referenced);
      requireNonNull(conflictFilter, "conflictFilter");
    }

    /** Rows the new delete files delete. */
    long rowsDeleted() {
      return deletes.stream().mapToLong(DeleteFile::recordCount).sum();
    }

    SnapshotUpdate<?> operation(Transaction transaction) {
      if (base == null) {
        AppendFiles append = transaction.newAppend();
        written.forEach(append::appendFile);
        return append;
      }
      RowDelta delta = transaction.newRowDelta();
      written.forEach(delta::addRows);
      deletes.forEach(delta::addDeletes);
      rewritten.forEach(delta::removeRows);
      deletesRemoved.forEach(delta::removeDeletes);
      // the isolation Iceberg recommends for a merge: no file read may have gone, and nothing that
      // could hold the keys read may have been added or deleted since the merge's snapshot
      delta
          .validateFromSnapshot(base.snapshotId())
          .caseSensitive(false)
          .conflictDetectionFilter(conflictFilter)
          .validateDeletedFiles()
          .validateNoConflictingDataFiles()
          .validateNoConflictingDeleteFiles();
      if (!referenced.isEmpty()) {
        delta.validateDataFilesExist(referenced);
      }
      return delta;
    }
  }

  /**
   * Writes the new files, adding them to {@code written} and {@code deletes} as they are written,
   * so that the caller can delete them when the commit fails.
   */
  Result run(List<DataFile> written, List<DeleteFile> deletes, PhaseClock clock)
      throws SQLException {
    execute(
        "CREATE OR REPLACE TEMP TABLE "
            + LATEST
            + " AS SELECT * FROM "
            + staging.name()
            + " QUALIFY row_number() OVER (PARTITION BY "
            + keyList("")
            + " ORDER BY "
            + StagingTable.SEQUENCE
            + " DESC) = 1");
    clock.lap("latest");
    try {
      if (base == null) {
        written.addAll(DataWriter.write(files, duck, table, latestRows()));
        clock.lap("data");
        return new Result(
            List.of(),
            written,
            List.of(),
            List.of(),
            Set.of(),
            Expressions.alwaysTrue(),
            null,
            false);
      }
      return merge(written, deletes, clock);
    } finally {
      execute("DROP TABLE IF EXISTS " + LATEST + "; DROP TABLE IF EXISTS " + MATCHED);
    }
  }

  private Result merge(List<DataFile> written, List<DeleteFile> deletes, PhaseClock clock)
      throws SQLException {
    Expression bounds = keyBounds();
    List<FileScanTask> candidates = snapshot.plan(bounds);
    clock.lap("plan");
    Map<String, Long> matched = match(candidates);
    clock.lap("match");
    SnapshotDeletes existing = SnapshotDeletes.of(duck, files, candidates);
    Map<String, FileScanTask> pastFraction = new LinkedHashMap<>();
    for (FileScanTask task : candidates) {
      long deleted = matched.getOrDefault(task.file().location(), 0L);
      if (deleted > 0
          && existing.deletedRows(task.file().location()) + deleted
              > thresholds.deletedFraction() * task.file().recordCount()) {
        pastFraction.put(task.file().location(), task);
      }
    }
    boolean deferred = compaction == Compaction.DEFERRED && !pastFraction.isEmpty();
    Map<String, FileScanTask> rewrite = deferred ? new LinkedHashMap<>() : pastFraction;
    List<DeleteFile> removed = existing.onlyNaming(rewrite.keySet());
    boolean addsDeletes = !rewrite.keySet().containsAll(matched.keySet());
    long deleteFilesAfter =
        SnapshotDeletes.count(committed, base) - removed.size() + (addsDeletes ? 1 : 0);
    if (deleteFilesAfter > thresholds.maxDeleteFiles()) {
      // compact the whole table: every data file with deleted rows, and every delete file
      for (FileScanTask task : snapshot.plan(Expressions.alwaysTrue())) {
        if (!task.deletes().isEmpty() || matched.containsKey(task.file().location())) {
          rewrite.putIfAbsent(task.file().location(), task);
        }
      }
      removed = SnapshotDeletes.all(committed, base);
      deferred = false;
    }
    Set<String> referenced = new HashSet<>(matched.keySet());
    referenced.removeAll(rewrite.keySet());
    clock.lap("existing deletes");
    deletes.addAll(writeDeletes(candidates, referenced));
    clock.lap("deletes");
    String rows = latestRows();
    if (!rewrite.isEmpty()) {
      rows =
          "SELECT * FROM (" + remainingRows(List.copyOf(rewrite.values())) + ") UNION ALL " + rows;
    }
    written.addAll(DataWriter.write(files, duck, table, rows));
    clock.lap(rewrite.isEmpty() ? "data" : "data and rewrites");
    List<DataFile> rewritten = rewrite.values().stream().map(FileScanTask::file).toList();
    return new Result(rewritten, written, deletes, removed, referenced, bounds, base, deferred);
  }

  /**
   * Finds the live rows of the staged keys in {@code candidates} into {@value #MATCHED}.
   *
   * @return rows found per data file location
   */
  private Map<String, Long> match(List<FileScanTask> candidates) throws SQLException {
    List<String> keys = target.primaryKey().stream().map(this::column).toList();
    String staged = "EXISTS (SELECT 1 FROM " + LATEST + " l WHERE " + keyMatch() + ")";
    String rows =
        ParquetRelation.selectWithPositions(snapshot.scan(candidates), files, keys, staged);
    execute(
        "CREATE OR REPLACE TEMP TABLE "
            + MATCHED
            + " AS SELECT "
            + ParquetRelation.FILE_COLUMN
            + ", "
            + ParquetRelation.POSITION_COLUMN
            + " FROM ("
            + rows
            + ")");
    Map<String, Long> counts = new HashMap<>();
    try (PreparedStatement statement =
            duck.prepareStatement(
                "SELECT "
                    + ParquetRelation.FILE_COLUMN
                    + ", count(*) FROM "
                    + MATCHED
                    + " GROUP BY ALL");
        ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        counts.put(result.getString(1), result.getLong(2));
      }
    }
    return counts;
  }

  /**
   * One position-delete file per partition for the matched rows of the data files {@code named}.
   */
  private List<DeleteFile> writeDeletes(List<FileScanTask> candidates, Set<String> named)
      throws SQLException {
    Map<String, List<DataFile>> byPartition = new LinkedHashMap<>();
    for (FileScanTask task : candidates) {
      DataFile file = task.file();
      if (named.contains(file.location())) {
        PartitionSpec spec = committed.specs().get(file.specId());
        String key = file.specId() + "/" + spec.partitionToPath(file.partition());
        byPartition.computeIfAbsent(key, k -> new ArrayList<>()).add(file);
      }
    }
    List<DeleteFile> written = new ArrayList<>();
    for (List<DataFile> group : byPartition.values()) {
      DataFile first = group.get(0);
      String locations =
          group.stream()
              .map(file -> literal(file.location()))
              .collect(Collectors.joining(", ", "(", ")"));
      String select =
          "SELECT "
              + ParquetRelation.FILE_COLUMN
              + " AS file_path, "
              + ParquetRelation.POSITION_COLUMN
              + " AS pos FROM "
              + MATCHED
              + " WHERE "
              + ParquetRelation.FILE_COLUMN
              + " IN "
              + locations;
      PositionDeleteWriter.write(
              files,
              duck,
              committed,
              committed.specs().get(first.specId()),
              first.partition(),
              select)
          .ifPresent(written::add);
    }
    return written;
  }

  /** The rows of data files being rewritten that are neither deleted nor staged again. */
  private String remainingRows(List<FileScanTask> rewrite) {
    return "SELECT * FROM ("
        + ParquetRelation.select(snapshot.scan(rewrite), files)
        + ") t WHERE NOT EXISTS (SELECT 1 FROM "
        + LATEST
        + " l WHERE "
        + keyMatch()
        + ")";
  }

  /** The latest staged rows as the table's columns, hard deletes left out. */
  private String latestRows() {
    String kept = target.deletes() == DeleteMode.SOFT ? "" : " WHERE NOT " + StagingTable.DELETE;
    return "SELECT " + selectList() + " FROM " + LATEST + kept;
  }

  private String keyList(String alias) {
    return target.primaryKey().stream()
        .map(key -> alias + column(key))
        .collect(Collectors.joining(", "));
  }

  private String keyMatch() {
    return target.primaryKey().stream()
        .map(key -> "l." + column(key) + " IS NOT DISTINCT FROM t." + column(key))
        .collect(Collectors.joining(" AND "));
  }

  private String selectList() {
    List<String> expressions = new ArrayList<>();
    for (Types.NestedField field : table.schema().columns()) {
      String name = quote(field.name());
      String type = io.dataplatform.lakehouse.catalog.TypeMapping.duckdbType(field.type());
      if (target.deletes() == DeleteMode.SOFT && field.name().equals(LoadTarget.DELETED_COLUMN)) {
        expressions.add(StagingTable.DELETE + " AS " + name);
      } else if (staging.hasColumn(field.name())) {
        expressions.add("CAST(" + name + " AS " + type + ") AS " + name);
      } else {
        expressions.add("CAST(NULL AS " + type + ") AS " + name);
      }
    }
    return String.join(", ", expressions);
  }

  /** For a one-column integer or string key, the staged keys' range; else everything. */
  private Expression keyBounds() throws SQLException {
    if (target.primaryKey().size() != 1) {
      return Expressions.alwaysTrue();
    }
    Types.NestedField field = table.schema().caseInsensitiveFindField(target.primaryKey().get(0));
    if (field == null) {
      return Expressions.alwaysTrue();
    }
    Type.TypeID type = field.type().typeId();
    if (type != Type.TypeID.INTEGER && type != Type.TypeID.LONG && type != Type.TypeID.STRING) {
      return Expressions.alwaysTrue();
    }
    String key = column(field.name());
    try (PreparedStatement statement =
            duck.prepareStatement("SELECT min(" + key + "), max(" + key + ") FROM " + LATEST);
        ResultSet bounds = statement.executeQuery()) {
      bounds.next();
      Object min = bounds.getObject(1);
      Object max = bounds.getObject(2);
      if (min == null || max == null) {
        return Expressions.alwaysTrue();
      }
      if (type == Type.TypeID.LONG) {
        min = ((Number) min).longValue();
        max = ((Number) max).longValue();
      } else if (type == Type.TypeID.INTEGER) {
        min = ((Number) min).intValue();
        max = ((Number) max).intValue();
      } else {
        min = min.toString();
        max = max.toString();
      }
      return Expressions.or(
          Expressions.isNull(field.name()),
          Expressions.and(
              Expressions.greaterThanOrEqual(field.name(), min),
              Expressions.lessThanOrEqual(field.name(), max)));
    }
  }

  private String column(String name) {
    Types.NestedField field = table.schema().caseInsensitiveFindField(name);
    if (field == null) {
      throw new io.dataplatform.api.DpException(
          io.dataplatform.api.StandardErrorCode.INVALID_CONFIGURATION,
          "Cannot upsert into "
              + target.table()
              + ": the primary key column is not a column of the table ("
              + name
              + ")");
    }
    return quote(field.name());
  }

  private boolean exists(String sql) throws SQLException {
    try (PreparedStatement statement = duck.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      return rows.next();
    }
  }

  private void execute(String sql) throws SQLException {
    try (PreparedStatement statement = duck.prepareStatement(sql)) {
      statement.execute();
    }
  }
}

package io.dataplatform.lakehouse.load;

import static io.dataplatform.lakehouse.catalog.TypeMapping.quote;

import io.dataplatform.lakehouse.io.StatementFiles;
import io.dataplatform.lakehouse.scan.ParquetRelation;
import io.dataplatform.lakehouse.scan.PlannedFile;
import io.dataplatform.lakehouse.scan.PlannedScan;
import io.dataplatform.lakehouse.write.DataWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotUpdate;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.duckdb.DuckDBConnection;

/**
 * An upsert by copy-on-write: the latest staged row of each key; the table's data files that hold
 * one of those keys (pruned by the key's bounds when the key is one column) are rewritten without
 * those rows, and the latest rows that are not hard deletes are added, in one overwrite.
 */
final class KeyedMerge {
  private static final String LATEST = "__dp_latest";

  private final DuckDBConnection duck;
  private final StatementFiles files;
  private final Table committed;
  private final Table table;
  private final Snapshot base;
  private final StagingTable staging;
  private final LoadTarget target;

  KeyedMerge(
      DuckDBConnection duck,
      StatementFiles files,
      Table committed,
      Table table,
      Snapshot base,
      StagingTable staging,
      LoadTarget target) {
    this.duck = duck;
    this.files = files;
    this.committed = committed;
    this.table = table;
    this.base = base;
    this.staging = staging;
    this.target = target;
  }

  /** The files replaced, and how to commit. */
  record Result(List<DataFile> rewritten, List<DataFile> written, Snapshot base) {
    SnapshotUpdate<?> operation(Transaction transaction) {
      if (rewritten.isEmpty()) {
        AppendFiles append = transaction.newAppend();
        written.forEach(append::appendFile);
        return append;
      }
      OverwriteFiles overwrite = transaction.newOverwrite();
      rewritten.forEach(overwrite::deleteFile);
      written.forEach(overwrite::addFile);
      overwrite
          .validateFromSnapshot(base.snapshotId())
          .validateNoConflictingData()
          .validateNoConflictingDeletes();
      return overwrite;
    }
  }

  /** Writes the new files, adding them to {@code written} as they are written. */
  Result run(List<DataFile> written) throws SQLException {
    String keys = target.primaryKey().stream().map(this::column).collect(Collectors.joining(", "));
    execute(
        "CREATE OR REPLACE TEMP TABLE "
            + LATEST
            + " AS SELECT * FROM "
            + staging.name()
            + " QUALIFY row_number() OVER (PARTITION BY "
            + keys
            + " ORDER BY "
            + StagingTable.SEQUENCE
            + " DESC) = 1");
    try {
      List<String> parts = new ArrayList<>();
      List<DataFile> rewritten = new ArrayList<>();
      String match =
          target.primaryKey().stream()
              .map(key -> "l." + column(key) + " IS NOT DISTINCT FROM t." + column(key))
              .collect(Collectors.joining(" AND "));
      for (FileScanTask task : candidates()) {
        PlannedFile file = PlannedFile.of(committed, task);
        PlannedScan single =
            new PlannedScan(
                table.schema(),
                table.schemas().size() > 1 || committed.schemas().size() > 1,
                List.of(file),
                1,
                base.snapshotId());
        String rows = "(" + ParquetRelation.select(single, files) + ") t";
        String inLatest = "EXISTS (SELECT 1 FROM " + LATEST + " l WHERE " + match + ")";
        if (exists("SELECT 1 FROM " + rows + " WHERE " + inLatest + " LIMIT 1")) {
          rewritten.add(task.file());
          parts.add("SELECT * FROM " + rows + " WHERE NOT " + inLatest);
        }
      }
      String kept = target.deletes() == DeleteMode.SOFT ? "" : " WHERE NOT " + StagingTable.DELETE;
      parts.add("SELECT " + selectList() + " FROM " + LATEST + kept);
      written.addAll(DataWriter.write(files, duck, table, String.join(" UNION ALL ", parts)));
      return new Result(rewritten, List.copyOf(written), base);
    } finally {
      execute("DROP TABLE IF EXISTS " + LATEST);
    }
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

  /** The current snapshot's data files that may hold a staged key. */
  private List<FileScanTask> candidates() throws SQLException {
    if (base == null) {
      return List.of();
    }
    List<FileScanTask> tasks = new ArrayList<>();
    try (CloseableIterable<FileScanTask> planned =
        committed
            .newScan()
            .useSnapshot(base.snapshotId())
            .filter(keyBounds())
            .caseSensitive(false)
            .planFiles()) {
      planned.forEach(tasks::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tasks;
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

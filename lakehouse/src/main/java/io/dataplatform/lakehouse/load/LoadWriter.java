package io.dataplatform.lakehouse.load;

import static io.dataplatform.lakehouse.catalog.TypeMapping.duckdbType;
import static io.dataplatform.lakehouse.catalog.TypeMapping.quote;
import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.lakehouse.io.LakeStorage;
import io.dataplatform.lakehouse.io.StatementFiles;
import io.dataplatform.lakehouse.write.DataWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotUpdate;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.types.Types;
import org.duckdb.DuckDBConnection;

/**
 * Commits staged rows to one table: the schema changes, the new data (and for an upsert, delete)
 * files and the load's state, in one Iceberg commit. Holds no staged rows itself, so the loading
 * thread and a background commit can each use it with their own DuckDB connection.
 */
final class LoadWriter {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LoadWriter.class);
  private final Catalog catalog;
  private final LakeStorage storage;
  private final LoadTarget target;
  private final TableIdentifier identifier;
  private final CompactionThresholds thresholds;

  /**
   * The table as this writer last saw it. Commits run one after the other, and a commit leaves the
   * table's operations holding the metadata it wrote, so the next commit only asks the catalog
   * whether it is still current instead of reading and parsing the whole metadata file again (about
   * a kilobyte a snapshot kept).
   */
  private Table table;

  LoadWriter(
      Catalog catalog, LakeStorage storage, LoadTarget target, CompactionThresholds thresholds) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.storage = requireNonNull(storage, "storage");
    this.target = requireNonNull(target, "target");
    this.thresholds = requireNonNull(thresholds, "thresholds");
    this.identifier = LakeLoads.identifier(target.table());
  }

  /**
   * Commits the rows of {@code staging} and the data files {@code ahead} (written before the
   * commit, already uploaded), applying {@code schema}; with {@code replacing}, as the table's only
   * rows. Files the commit wrote are deleted when it fails; {@code ahead} is left to the caller.
   *
   * @throws DpException when the commit failed; the table is unchanged then
   */
  CommitResult write(
      DuckDBConnection duck,
      TargetSchema schema,
      StagingTable staging,
      List<DataFile> ahead,
      LoadCommit commit,
      boolean replacing,
      Compaction compaction,
      PhaseClock clock) {
    Table table = current();
    Snapshot base = table.currentSnapshot();
    Transaction transaction = table.newTransaction();
    if (schema.differs(table.schema())) {
      UpdateSchema update = transaction.updateSchema();
      schema.apply(table.schema(), update);
      update.commit();
    }
    Table pending = transaction.table();
    clock.lap("table");
    List<DataFile> written = new ArrayList<>(ahead);
    List<DeleteFile> deletes = new ArrayList<>();
    int rewritten = 0;
    long rowsDeleted = 0;
    boolean compactionDeferred = false;
    try (StatementFiles files = storage.openStatement()) {
      SnapshotUpdate<?> operation;
      if (target.mode() == LoadMode.UPSERT) {
        // replacing: merged as into an empty table, whose rows then replace all existing ones
        KeyedMerge merge =
            new KeyedMerge(
                duck,
                files,
                table,
                pending,
                replacing ? null : base,
                staging,
                target,
                thresholds.withTableProperties(table.properties()),
                compaction);
        KeyedMerge.Result result = merge.run(written, deletes, clock);
        rewritten = result.rewritten().size();
        rowsDeleted = result.rowsDeleted();
        compactionDeferred = result.compactionDeferred();
        operation = replacing ? replaceAll(transaction, written) : result.operation(transaction);
      } else {
        String select = "SELECT " + selectList(pending, staging) + " FROM " + staging.name();
        written.addAll(DataWriter.write(files, duck, pending, select));
        if (replacing || target.mode() == LoadMode.OVERWRITE) {
          operation = replaceAll(transaction, written);
        } else {
          AppendFiles append = transaction.newAppend();
          written.forEach(append::appendFile);
          operation = append;
        }
      }
      commit.summary().forEach(operation::set);
      clock.lap("files");
      operation.commit();
      transaction.commitTransaction();
      clock.lap("iceberg");
    } catch (SQLException | RuntimeException e) {
      DataWriter.delete(
          Stream.concat(
                  written.stream().skip(ahead.size()).map(DataFile::location),
                  deletes.stream().map(DeleteFile::location))
              .toList());
      throw failure("commit", e);
    }
    long rows = written.stream().mapToLong(DataFile::recordCount).sum();
    long bytes = written.stream().mapToLong(DataFile::fileSizeInBytes).sum();
    Snapshot snapshot = transaction.table().currentSnapshot();
    return new CommitResult(
        snapshot.snapshotId(),
        rows,
        bytes,
        rewritten,
        rowsDeleted,
        compactionDeferred,
        clock.laps());
  }

  /**
   * Compacts a keyed table ({@link KeyedCompaction}) in a commit with {@code commit} in its
   * snapshot summary; the rows stay the same. Files the compaction wrote are deleted when it fails.
   *
   * @return empty when the table is not keyed, has no snapshot, or no file is past a threshold
   */
  Optional<CommitResult> compact(DuckDBConnection duck, LoadCommit commit, PhaseClock clock) {
    if (target.mode() != LoadMode.UPSERT) {
      return Optional.empty();
    }
    Table table = current();
    Snapshot base = table.currentSnapshot();
    if (base == null) {
      return Optional.empty();
    }
    Transaction transaction = table.newTransaction();
    clock.lap("table");
    List<DataFile> written = new ArrayList<>();
    try (StatementFiles files = storage.openStatement()) {
      KeyedCompaction compaction =
          new KeyedCompaction(
              duck,
              files,
              table,
              transaction.table(),
              base,
              thresholds.withTableProperties(table.properties()));
      Optional<KeyedMerge.Result> result = compaction.run(written, clock);
      if (result.isEmpty()) {
        return Optional.empty();
      }
      SnapshotUpdate<?> operation = result.get().operation(transaction);
      commit.summary().forEach(operation::set);
      operation.commit();
      transaction.commitTransaction();
      clock.lap("iceberg");
      return Optional.of(
          new CommitResult(
              transaction.table().currentSnapshot().snapshotId(),
              written.stream().mapToLong(DataFile::recordCount).sum(),
              written.stream().mapToLong(DataFile::fileSizeInBytes).sum(),
              result.get().rewritten().size(),
              0,
              false,
              clock.laps()));
    } catch (SQLException | RuntimeException e) {
      DataWriter.delete(written.stream().map(DataFile::location).toList());
      throw failure("compact", e);
    }
  }

  /**
   * Expires the table's oldest snapshots past its bound ({@link SnapshotRetention}); the commit is
   * done, so a failure here only leaves the history longer.
   */
  void trimHistory() {
    try {
      int expired = SnapshotRetention.trim(current());
      if (expired > 0) {
        LOG.info("Expired the {} oldest snapshots of {}", expired, target.table());
      }
    } catch (RuntimeException e) {
      LOG.warn("Cannot expire old snapshots of {}: {}", target.table(), e.getMessage());
    }
  }

  /**
   * The table at its current metadata: loaded the first time, refreshed after (which reads the
   * metadata file only when another commit changed it).
   */
  private Table current() {
    if (table == null) {
      table = catalog.loadTable(identifier);
    } else {
      try {
        table.refresh();
      } catch (RuntimeException e) {
        // dropped, or its metadata unreadable: the next call starts from the catalog again
        table = null;
        throw e;
      }
    }
    return table;
  }

  /** Deletes data files no snapshot references (written for a commit that did not happen). */
  void delete(List<DataFile> files) {
    if (files.isEmpty()) {
      return;
    }
    Table table = catalog.loadTable(identifier);
    for (DataFile file : files) {
      try {
        table.io().deleteFile(file.location());
      } catch (RuntimeException e) {
        // an orphan file is harmless: no snapshot references it
      }
    }
  }

  private static OverwriteFiles replaceAll(Transaction transaction, List<DataFile> written) {
    OverwriteFiles overwrite =
        transaction.newOverwrite().overwriteByRowFilter(Expressions.alwaysTrue());
    written.forEach(overwrite::addFile);
    return overwrite;
  }

  /** The staged columns in the table's order, {@code NULL} for columns no staged row has. */
  private String selectList(Table table, StagingTable staging) {
    return table.schema().columns().stream()
        .map(field -> columnExpression(field, staging))
        .collect(Collectors.joining(", "));
  }

  private String columnExpression(Types.NestedField field, StagingTable staging) {
    String type = duckdbType(field.type());
    if (target.deletes() == DeleteMode.SOFT && field.name().equals(LoadTarget.DELETED_COLUMN)) {
      return StagingTable.DELETE + " AS " + quote(field.name());
    }
    if (!staging.hasColumn(field.name())) {
      return "CAST(NULL AS " + type + ") AS " + quote(field.name());
    }
    return "CAST(" + quote(field.name()) + " AS " + type + ") AS " + quote(field.name());
  }

  DpException failure(String action, Exception cause) {
    if (cause instanceof DpException dp) {
      return dp;
    }
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    return new DpException(
        cause instanceof SQLException || cause instanceof ClassCastException
            ? StandardErrorCode.INTERNAL_ERROR
            : StandardErrorCode.EXTERNAL_FAILURE,
        "Cannot " + action + " for " + target.table() + ": " + message,
        cause);
  }
}

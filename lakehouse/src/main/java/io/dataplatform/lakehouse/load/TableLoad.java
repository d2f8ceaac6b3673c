package io.dataplatform.lakehouse.load;

import static io.dataplatform.lakehouse.catalog.TypeMapping.duckdbType;
import static io.dataplatform.lakehouse.catalog.TypeMapping.quote;
import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceMessage.StagedFormat;
import io.dataplatform.api.connector.SourceRecord;
import io.dataplatform.lakehouse.io.LakeStorage;
import io.dataplatform.lakehouse.io.StatementFiles;
import io.dataplatform.lakehouse.write.DataWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
 * Rows staged for one table, committed in one Iceberg commit each time {@link #commit} is called.
 * Not thread-safe: one thread stages and commits.
 */
public final class TableLoad {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TableLoad.class);
  private final Catalog catalog;
  private final LakeStorage storage;
  private final DuckDBConnection duck;
  private final LoadTarget target;
  private final TableIdentifier identifier;
  private final TargetSchema schema;
  private final StagingTable staging;
  private final CompactionThresholds thresholds;

  /**
   * Data files written straight from staged files (appends and overwrites whose files bring no
   * schema change), added to the table at the next commit.
   */
  private final List<DataFile> written = new ArrayList<>();

  /** The files {@link #written} are published through; open until the next commit or discard. */
  private BackgroundUploads uploads;

  TableLoad(
      Catalog catalog,
      LakeStorage storage,
      DuckDBConnection duck,
      LoadTarget target,
      Table table,
      String stagingName,
      CompactionThresholds thresholds)
      throws SQLException {
    this.catalog = requireNonNull(catalog, "catalog");
    this.storage = requireNonNull(storage, "storage");
    this.duck = requireNonNull(duck, "duck");
    this.target = requireNonNull(target, "target");
    this.thresholds = requireNonNull(thresholds, "thresholds");
    this.identifier = LakeLoads.identifier(target.table());
    this.schema = new TargetSchema(target.table(), table.schema());
    if (target.deletes() == DeleteMode.SOFT) {
      schema.accept(
          List.of(SourceColumn.nullable(LoadTarget.DELETED_COLUMN, DataType.BOOLEAN, "boolean")));
    }
    this.staging = new StagingTable(duck, stagingName, schema.fields());
  }

  public LoadTarget target() {
    return target;
  }

  /** Rows staged since the last commit. */
  public long stagedRows() {
    return staging.rows() + written.stream().mapToLong(DataFile::recordCount).sum();
  }

  /**
   * Stages records whose values follow {@code columns}, each row completed with the constant
   * columns. New columns are added to the table at the next commit; a widened type widens the
   * column.
   *
   * @throws DpException when a column changed type incompatibly; nothing is staged then
   */
  public void stage(
      List<SourceColumn> columns, List<SourceRecord> records, List<ConstantColumn> constants) {
    prepare(columns, constants);
    try {
      staging.append(columns, records, constants);
    } catch (SQLException | ClassCastException e) {
      throw failure("stage rows", e);
    }
  }

  /** Stages the rows of a local CSV or Parquet file whose columns are {@code columns}. */
  public void stageFile(
      Path file, StagedFormat format, List<SourceColumn> columns, List<ConstantColumn> constants) {
    prepare(columns, constants);
    try {
      Table table = catalog.loadTable(identifier);
      if (target.mode() != LoadMode.UPSERT && !schema.differs(table.schema())) {
        writeFile(table, file, format, columns, constants);
      } else {
        staging.appendFile(file, format, columns, constants);
      }
    } catch (SQLException | RuntimeException e) {
      throw failure("stage file " + file.getFileName(), e);
    }
  }

  /**
   * Converts a staged file into data files of the table right away, without staging its rows:
   * DuckDB reads the file in parallel and writes Parquet in one pass.
   */
  private void writeFile(
      Table table,
      Path file,
      StagedFormat format,
      List<SourceColumn> columns,
      List<ConstantColumn> constants)
      throws SQLException {
    StagedFileQuery query = StagedFileQuery.of(file, format, columns, constants, schema::field);
    String select =
        "SELECT "
            + table.schema().columns().stream()
                .map(field -> fileExpression(field, query))
                .collect(Collectors.joining(", "))
            + " FROM "
            + query.reader();
    if (uploads == null) {
      uploads = new BackgroundUploads(storage.openStatement());
    }
    written.addAll(DataWriter.write(uploads, duck, table, select));
  }

  /**
   * Waits until the files {@link #written} are uploaded.
   *
   * @throws DpException when one could not be; the written files are forgotten then
   */
  private void finishUploads() {
    if (uploads == null) {
      return;
    }
    BackgroundUploads finishing = uploads;
    uploads = null;
    try {
      finishing.close();
    } catch (DpException e) {
      deleteWritten();
      throw e;
    }
  }

  private String fileExpression(Types.NestedField field, StagedFileQuery query) {
    String type = duckdbType(field.type());
    if (target.deletes() == DeleteMode.SOFT && field.name().equals(LoadTarget.DELETED_COLUMN)) {
      return "false AS " + quote(field.name());
    }
    return query.expression(field.name()).orElse("CAST(NULL AS " + type + ")")
        + " AS "
        + quote(field.name());
  }

  private void prepare(List<SourceColumn> columns, List<ConstantColumn> constants) {
    List<SourceColumn> all = new ArrayList<>(columns);
    constants.forEach(constant -> all.add(constant.column()));
    try {
      for (TargetSchema.Change change : schema.accept(all)) {
        if (change instanceof TargetSchema.Added added) {
          staging.addColumn(added.field());
        } else if (change instanceof TargetSchema.Widened widened) {
          staging.changeType(widened.column(), widened.type());
        }
      }
    } catch (SQLException e) {
      throw failure("change the staged columns", e);
    }
  }

  /** Forgets the rows staged since the last commit. */
  public void discard() {
    forgetWritten();
    try {
      staging.clear();
    } catch (SQLException e) {
      throw failure("discard staged rows", e);
    }
  }

  /** Waits for running uploads, then deletes the files written since the last commit. */
  private void forgetWritten() {
    try {
      finishUploads();
    } catch (DpException e) {
      // the written files are deleted either way
    }
    deleteWritten();
  }

  private void deleteWritten() {
    if (written.isEmpty()) {
      return;
    }
    Table table = catalog.loadTable(identifier);
    for (DataFile file : written) {
      try {
        table.io().deleteFile(file.location());
      } catch (RuntimeException e) {
        // an orphan file is harmless: no snapshot references it
      }
    }
    written.clear();
  }

  /**
   * Commits the staged rows with {@code commit} in the snapshot summary, in one Iceberg commit that
   * also applies the schema changes; then forgets them. With no staged rows, an append or upsert
   * still commits the new state (an overwrite empties the table).
   *
   * @throws DpException when the commit failed; the table is unchanged and the rows stay staged
   */
  public CommitResult commit(LoadCommit commit) {
    return write(commit, false);
  }

  /**
   * Commits the staged rows as the table's only rows, with {@code commit} in the snapshot summary:
   * one Iceberg commit removes every row the table held and adds the staged ones (for an upsert,
   * the latest staged row of each key, without hard deletes); then forgets them. Used when a source
   * starts over what it delivered before, such as a change-log snapshot taken again from the start.
   *
   * @throws DpException when the commit failed; the table is unchanged and the rows stay staged
   */
  public CommitResult replace(LoadCommit commit) {
    return write(commit, true);
  }

  private CommitResult write(LoadCommit commit, boolean replacing) {
    requireNonNull(commit, "commit");
    PhaseClock clock = new PhaseClock();
    finishUploads();
    clock.lap("uploads");
    Table table = catalog.loadTable(identifier);
    Snapshot base = table.currentSnapshot();
    Transaction transaction = table.newTransaction();
    if (schema.differs(table.schema())) {
      UpdateSchema update = transaction.updateSchema();
      schema.apply(table.schema(), update);
      update.commit();
    }
    Table pending = transaction.table();
    clock.lap("table");
    List<DataFile> written = new ArrayList<>(this.written);
    List<DeleteFile> deletes = new ArrayList<>();
    int rewritten = 0;
    long rowsDeleted = 0;
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
                thresholds.withTableProperties(table.properties()));
        KeyedMerge.Result result = merge.run(written, deletes, clock);
        rewritten = result.rewritten().size();
        rowsDeleted = result.rowsDeleted();
        operation = replacing ? replaceAll(transaction, written) : result.operation(transaction);
      } else {
        String select = "SELECT " + selectList(pending, "") + " FROM " + staging.name();
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
                  written.stream().skip(this.written.size()).map(DataFile::location),
                  deletes.stream().map(DeleteFile::location))
              .toList());
      throw failure("commit", e);
    }
    this.written.clear();
    discard();
    clock.lap("cleanup");
    trimHistory();
    long rows = written.stream().mapToLong(DataFile::recordCount).sum();
    long bytes = written.stream().mapToLong(DataFile::fileSizeInBytes).sum();
    Snapshot snapshot = transaction.table().currentSnapshot();
    return new CommitResult(
        snapshot.snapshotId(), rows, bytes, rewritten, rowsDeleted, clock.laps());
  }

  /**
   * Expires the table's oldest snapshots past its bound ({@link SnapshotRetention}); the commit is
   * done, so a failure here only leaves the history longer.
   */
  private void trimHistory() {
    try {
      int expired = SnapshotRetention.trim(catalog.loadTable(identifier));
      if (expired > 0) {
        LOG.info("Expired the {} oldest snapshots of {}", expired, target.table());
      }
    } catch (RuntimeException e) {
      LOG.warn("Cannot expire old snapshots of {}: {}", target.table(), e.getMessage());
    }
  }

  private static OverwriteFiles replaceAll(Transaction transaction, List<DataFile> written) {
    OverwriteFiles overwrite =
        transaction.newOverwrite().overwriteByRowFilter(Expressions.alwaysTrue());
    written.forEach(overwrite::addFile);
    return overwrite;
  }

  /**
   * The staged columns in the table's order, {@code NULL} for columns no staged row has; with
   * {@code alias} a prefix such as {@code "l."}.
   */
  String selectList(Table table, String alias) {
    return table.schema().columns().stream()
        .map(field -> columnExpression(field, alias))
        .collect(Collectors.joining(", "));
  }

  private String columnExpression(Types.NestedField field, String alias) {
    String type = duckdbType(field.type());
    if (target.deletes() == DeleteMode.SOFT && field.name().equals(LoadTarget.DELETED_COLUMN)) {
      return alias + StagingTable.DELETE + " AS " + quote(field.name());
    }
    if (!staging.hasColumn(field.name())) {
      return "CAST(NULL AS " + type + ") AS " + quote(field.name());
    }
    return "CAST(" + alias + quote(field.name()) + " AS " + type + ") AS " + quote(field.name());
  }

  void drop() {
    forgetWritten();
    try {
      staging.drop();
    } catch (SQLException e) {
      // the staging database is deleted with the session
    }
  }

  private DpException failure(String action, Exception cause) {
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

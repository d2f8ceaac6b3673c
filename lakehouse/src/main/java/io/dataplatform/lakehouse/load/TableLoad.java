package io.dataplatform.lakehouse.load;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceMessage.StagedFormat;
import io.dataplatform.api.connector.SourceRecord;
import io.dataplatform.lakehouse.io.LakeStorage;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.duckdb.DuckDBConnection;

/**
 * Rows staged for one table, committed in one Iceberg commit each time {@link #commit} is called,
 * or handed to a commit in the background by {@link #commitInBackground} while staging goes on. Not
 * thread-safe: one thread stages and commits; background commits run on the session's commit
 * thread, one at a time.
 */
public final class TableLoad {
  private final Catalog catalog;
  private final LakeStorage storage;
  private final DuckDBConnection duck;
  private final LoadTarget target;
  private final TableIdentifier identifier;
  private final TargetSchema schema;
  private final LoadWriter writer;
  private final BackgroundCommits commits;
  private final String stagingName;
  private StagingTable staging;
  private int stagingTables = 1;

  /**
   * The last commit handed to the background; a failed one stays, failing later commits, unless it
   * was a compaction ({@link #backgroundCompacts}), which changes no row.
   */
  private PendingCommit background;

  private boolean backgroundCompacts;

  private final DirectFiles direct;

  TableLoad(
      Catalog catalog,
      LakeStorage storage,
      DuckDBConnection duck,
      LoadTarget target,
      Table table,
      String stagingName,
      CompactionThresholds thresholds,
      BackgroundCommits commits,
      int workers)
      throws SQLException {
    this.catalog = requireNonNull(catalog, "catalog");
    this.storage = requireNonNull(storage, "storage");
    this.duck = requireNonNull(duck, "duck");
    this.target = requireNonNull(target, "target");
    this.commits = requireNonNull(commits, "commits");
    this.stagingName = requireNonNull(stagingName, "stagingName");
    this.writer = new LoadWriter(catalog, storage, target, thresholds);
    this.identifier = LakeLoads.identifier(target.table());
    this.schema = new TargetSchema(target.table(), table.schema());
    if (target.deletes() == DeleteMode.SOFT) {
      schema.accept(
          List.of(SourceColumn.nullable(LoadTarget.DELETED_COLUMN, DataType.BOOLEAN, "boolean")));
    }
    this.staging = new StagingTable(duck, stagingName, schema.fields());
    this.direct = new DirectFiles(storage, duck, target, schema, writer, workers);
  }

  /** A staging table for the rows after a hand-over, with the columns accepted so far. */
  private StagingTable newStaging() throws SQLException {
    stagingTables++;
    return new StagingTable(duck, stagingName + "_" + stagingTables, schema.fields());
  }

  public LoadTarget target() {
    return target;
  }

  /**
   * Rows staged since the last commit. Waits for the staged files still being converted.
   *
   * @throws DpException when one of them could not be converted
   */
  public long stagedRows() {
    return staging.rows() + direct.rows();
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

  /**
   * Whether the table holds no row: it has no snapshot yet, or its current snapshot counts none.
   */
  public boolean isEmpty() {
    Snapshot current = catalog.loadTable(identifier).currentSnapshot();
    return current == null || "0".equals(current.summary().get("total-records"));
  }

  /**
   * Stages the rows of a local CSV, Parquet or Arrow file whose columns are {@code columns}. The
   * file may still be read after this returns: {@code release} runs once it no longer is, whatever
   * the outcome (also when this throws).
   *
   * @throws DpException when the file cannot be staged, or when a file staged before could not be
   *     converted
   */
  public void stageFile(
      Path file,
      StagedFormat format,
      List<SourceColumn> columns,
      List<ConstantColumn> constants,
      Runnable release) {
    stageFile(file, format, columns, constants, false, release);
  }

  /**
   * {@link #stageFile(Path, StagedFormat, List, List, Runnable)}; with {@code newKeys}, the caller
   * knows that no row of the table, nor any other row staged for it, has the key of a row of the
   * file (a change log's snapshot read into an empty or replaced table): the rows of a keyed table
   * then go into data files as they are, as for an append, without a merge by key.
   */
  public void stageFile(
      Path file,
      StagedFormat format,
      List<SourceColumn> columns,
      List<ConstantColumn> constants,
      boolean newKeys,
      Runnable release) {
    requireNonNull(release, "release");
    boolean handedOver = false;
    try {
      prepare(columns, constants);
      Table table = catalog.loadTable(identifier);
      if ((target.mode() != LoadMode.UPSERT || newKeys) && !schema.differs(table.schema())) {
        handedOver = true;
        direct.convert(table, file, format, columns, constants, release);
      } else {
        staging.appendFile(file, format, columns, constants);
      }
    } catch (SQLException | RuntimeException e) {
      throw failure("stage file " + file.getFileName(), e);
    } finally {
      if (!handedOver) {
        release.run();
      }
    }
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

  /**
   * Forgets the rows staged since the last commit or hand-over, after waiting for the commit handed
   * to the background (whose rows it does not touch, whether it succeeds or fails).
   */
  public void discard() {
    awaitBackgroundQuietly();
    direct.forget();
    try {
      staging.clear();
    } catch (SQLException e) {
      throw failure("discard staged rows", e);
    }
  }

  /**
   * Commits the staged rows with {@code commit} in the snapshot summary, in one Iceberg commit that
   * also applies the schema changes; then forgets them. With no staged rows, an append or upsert
   * still commits the new state (an overwrite empties the table). Waits for the commit {@linkplain
   * #commitInBackground handed to the background} first.
   *
   * @throws DpException when the commit failed; the table is unchanged and the rows stay staged.
   *     Also when a background commit of this table failed: nothing is committed after it
   */
  public CommitResult commit(LoadCommit commit) {
    return write(commit, false, Compaction.IN_COMMIT);
  }

  /**
   * {@link #commit(LoadCommit)}, rewriting the data files past the deleted fraction now or leaving
   * them to {@link #compact} ({@code compaction}).
   */
  public CommitResult commit(LoadCommit commit, Compaction compaction) {
    return write(commit, false, compaction);
  }

  /**
   * Commits the staged rows as the table's only rows, with {@code commit} in the snapshot summary:
   * one Iceberg commit removes every row the table held and adds the staged ones (for an upsert,
   * the latest staged row of each key, without hard deletes); then forgets them. Used when a source
   * starts over what it delivered before, such as a change-log snapshot taken again from the start.
   * Waits for the commit handed to the background first.
   *
   * @throws DpException when the commit failed; the table is unchanged and the rows stay staged.
   *     Also when a background commit of this table failed: nothing is committed after it
   */
  public CommitResult replace(LoadCommit commit) {
    return write(commit, true, Compaction.IN_COMMIT);
  }

  /**
   * Hands the staged rows to a commit, with {@code commit} in the snapshot summary, that runs on
   * the session's commit thread, and goes on staging into an empty staging table: the commit
   * applies the rows and columns staged so far, rows and columns staged from now on belong to the
   * next commit. The table's commits run one after the other: this first waits for the previous
   * background commit.
   *
   * @return the running commit. When it fails, the table is unchanged, its rows are forgotten, and
   *     every later commit of this load fails with its failure (a keyed merge after it would build
   *     on a snapshot that lacks its rows)
   * @throws DpException when the previous background commit failed
   */
  public PendingCommit commitInBackground(LoadCommit commit) {
    return commitInBackground(commit, Compaction.IN_COMMIT);
  }

  /**
   * {@link #commitInBackground(LoadCommit)}, rewriting the data files past the deleted fraction now
   * or leaving them to {@link #compact} ({@code compaction}).
   */
  public PendingCommit commitInBackground(LoadCommit commit, Compaction compaction) {
    requireNonNull(commit, "commit");
    requireNonNull(compaction, "compaction");
    awaitBackground();
    direct.collect();
    TargetSchema handedSchema = schema.copy();
    StagingTable handedStaging = staging;
    try {
      staging = newStaging();
    } catch (SQLException e) {
      throw writer.failure("start a new staging table", e);
    }
    DirectFiles.HandOver handedFiles = direct.handOver();
    background =
        commits.submit(
            connection ->
                writeHandedOver(
                    connection, handedSchema, handedStaging, handedFiles, commit, compaction));
    backgroundCompacts = false;
    return background;
  }

  /**
   * Compacts a keyed table on the session's commit thread, after the commits handed over before:
   * rewrites the data files whose deleted rows passed the {@link CompactionThresholds} without
   * them, in a commit with {@code commit} (the state of the last commit, unchanged) in its snapshot
   * summary. The staged rows are not touched and staging goes on meanwhile.
   *
   * @return the running compaction; its result has snapshot -1 when no file was past a threshold.
   *     Its failure leaves the table as it was and fails no later commit
   * @throws DpException when the previous background commit failed
   */
  public PendingCommit compactInBackground(LoadCommit commit) {
    requireNonNull(commit, "commit");
    awaitBackground();
    background = commits.submit(connection -> compactOn(connection, commit));
    backgroundCompacts = true;
    return background;
  }

  /**
   * {@link #compactInBackground}, in the calling thread.
   *
   * @throws DpException when the compaction failed; the table is as it was
   */
  public CommitResult compact(LoadCommit commit) {
    requireNonNull(commit, "commit");
    awaitBackground();
    return compactOn(duck, commit);
  }

  private CommitResult compactOn(DuckDBConnection connection, LoadCommit commit) {
    PhaseClock clock = new PhaseClock();
    Optional<CommitResult> result = writer.compact(connection, commit, clock);
    if (result.isEmpty()) {
      return new CommitResult(-1, 0, 0, 0, 0, false, clock.laps());
    }
    writer.trimHistory();
    return result.get();
  }

  /** Runs on the commit thread: commits rows handed over, then drops their staging table. */
  private CommitResult writeHandedOver(
      DuckDBConnection connection,
      TargetSchema handedSchema,
      StagingTable handedStaging,
      DirectFiles.HandOver handedFiles,
      LoadCommit commit,
      Compaction compaction) {
    PhaseClock clock = new PhaseClock();
    try {
      if (handedFiles.uploads() != null) {
        handedFiles.uploads().close();
      }
      clock.lap("uploads");
      CommitResult result =
          writer.write(
              connection,
              handedSchema,
              handedStaging,
              handedFiles.written(),
              commit,
              false,
              compaction,
              clock);
      dropQuietly(handedStaging, connection);
      clock.lap("cleanup");
      writer.trimHistory();
      return result.withPhases(clock.laps());
    } catch (RuntimeException e) {
      dropQuietly(handedStaging, connection);
      writer.delete(handedFiles.written());
      throw writer.failure("commit", e);
    }
  }

  private static void dropQuietly(StagingTable table, DuckDBConnection connection) {
    try {
      table.drop(connection);
    } catch (SQLException e) {
      // the staging database is deleted with the session
    }
  }

  /**
   * Waits for the commit handed to the background, if any.
   *
   * @throws DpException when it failed
   */
  private void awaitBackground() {
    if (background == null) {
      return;
    }
    try {
      background.result();
    } catch (DpException e) {
      if (!backgroundCompacts) {
        throw e;
      }
      // a compaction's failure changed nothing; its caller learned of it from its result
    }
  }

  private void awaitBackgroundQuietly() {
    try {
      awaitBackground();
    } catch (DpException e) {
      // the caller of commitInBackground learns of the failure from its result
    }
  }

  private CommitResult write(LoadCommit commit, boolean replacing, Compaction compaction) {
    requireNonNull(commit, "commit");
    awaitBackground();
    PhaseClock clock = new PhaseClock();
    List<DataFile> written = direct.finish();
    clock.lap("uploads");
    CommitResult result =
        writer.write(duck, schema, staging, written, commit, replacing, compaction, clock);
    direct.committed();
    discard();
    clock.lap("cleanup");
    writer.trimHistory();
    return result.withPhases(clock.laps());
  }

  void drop() {
    awaitBackgroundQuietly();
    direct.forget();
    try {
      staging.drop();
    } catch (SQLException e) {
      // the staging database is deleted with the session
    }
  }

  private DpException failure(String action, Exception cause) {
    return writer.failure(action, cause);
  }
}

package io.dataplatform.lakehouse.sql;

import static io.dataplatform.lakehouse.catalog.TypeMapping.duckdbType;
import static io.dataplatform.lakehouse.catalog.TypeMapping.quote;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.lakehouse.scan.ParquetRelation;
import io.dataplatform.lakehouse.scan.PlannedFile;
import io.dataplatform.lakehouse.scan.PlannedScan;
import io.dataplatform.lakehouse.write.DataWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/**
 * UPDATE, DELETE and MERGE INTO by copy-on-write. The target's candidate files (pruned by the WHERE
 * clause) are loaded into a real DuckDB table named like the target, one file after another so a
 * row id range identifies each file; the user's statement runs unmodified on it; files with a
 * changed or deleted row are rewritten, and one Iceberg overwrite commit swaps them, validated
 * against concurrent changes since the statement's snapshot.
 */
final class CopyOnWrite {
  private final EngineContext context;
  private final DmlStatements dml;

  CopyOnWrite(EngineContext context, DmlStatements dml) {
    this.context = context;
    this.dml = dml;
  }

  private record Loaded(DataFile file, long start, long end) {}

  long execute(QueryProfile profile, String sql, List<SqlToken> tokens) {
    int targetIndex = StatementText.skipWords(tokens, 1, "FROM");
    targetIndex = StatementText.skipWords(tokens, targetIndex, "INTO");
    String verb = tokens.get(0).text().toLowerCase(java.util.Locale.ROOT);
    StatementText.Target target = StatementText.target(sql, tokens, targetIndex, verb);
    Table table = dml.loadForWrite(target.id());
    Snapshot snapshot = table.currentSnapshot();
    RelationBinder.BoundSql bound = new RelationBinder(context).bind(sql, tokens);
    Set<Relation> targets = new HashSet<>();
    for (Relation relation : bound.relations()) {
      if (relation instanceof Relation.TableRelation t
          && t.id().equals(target.id())
          && t.snapshotId() == null) {
        targets.add(relation);
      }
    }
    try (DuckSession session = context.duck().session(profile.cancellation())) {
      bound = ExternalFiles.resolve(bound, session.files(), sql, bound.toOriginal());
      RelationExposer exposer = new RelationExposer(context, session, profile);
      String targetKey =
          (target.id().namespace() + "." + target.id().name()).toLowerCase(java.util.Locale.ROOT);
      if (exposer.tablesInViews(bound.relations()).contains(targetKey)) {
        throw new DpException(
            StandardErrorCode.NOT_SUPPORTED,
            "Cannot "
                + verb
                + ": the statement reads the target table through a view ("
                + target.id()
                + ")");
      }
      Expression filter =
          targets.size() == 1
              ? filter(session, sql, tokens, target, verb)
              : Expressions.alwaysTrue();
      exposer.expose(bound, Map.of(), targets);
      List<Loaded> loaded = load(session, exposer, profile, table, snapshot, filter, target);
      String name = quote(target.id().namespace().toString()) + "." + quote(target.id().name());
      session.execute(
          "CREATE TEMP TABLE __dp_before AS SELECT rowid AS __dp_rowid, * FROM " + name);
      profile.planningDone();
      long count = session.update(bound.sql());
      rewrite(session, table, snapshot, filter, name, loaded);
      return count;
    } catch (SQLException e) {
      throw SqlErrors.convert(e, bound.sql(), sql, bound.toOriginal());
    }
  }

  /** Writes the changed files' rows and the inserted rows, and commits them in place of the old. */
  private static void rewrite(
      DuckSession session,
      Table table,
      Snapshot snapshot,
      Expression filter,
      String name,
      List<Loaded> loaded)
      throws SQLException {
    long total = loaded.isEmpty() ? 0 : loaded.get(loaded.size() - 1).end();
    List<DataFile> affected = affected(session, table.schema(), name, loaded);
    Object inserted =
        session.query("SELECT count(*) FROM " + name + " WHERE rowid >= " + total).get(0)[0];
    if (affected.isEmpty() && ((Number) inserted).longValue() == 0) {
      return;
    }
    String columns =
        table.schema().columns().stream()
            .map(f -> "a." + quote(f.name()))
            .collect(Collectors.joining(", "));
    String select =
        "SELECT "
            + columns
            + " FROM "
            + name
            + " a WHERE a.rowid >= "
            + total
            + " OR EXISTS (SELECT 1 FROM __dp_affected r"
            + " WHERE a.rowid >= r.start_row AND a.rowid < r.end_row)";
    List<DataFile> written = DataWriter.write(session.files(), session.connection(), table, select);
    commit(table, snapshot, filter, affected, written, name.replace("\"", ""));
  }

  /** The pruning filter from the WHERE clause of a simple UPDATE or DELETE. */
  private Expression filter(
      DuckSession session,
      String sql,
      List<SqlToken> tokens,
      StatementText.Target target,
      String verb) {
    int where = StatementText.topLevelWord(tokens, target.lastToken() + 1, "WHERE");
    if (where < 0
        || verb.equals("merge")
        || StatementText.topLevelWord(tokens, target.lastToken() + 1, "FROM") >= 0
        || StatementText.topLevelWord(tokens, target.lastToken() + 1, "RETURNING") >= 0) {
      return Expressions.alwaysTrue();
    }
    int targetEnd =
        verb.equals("update")
            ? StatementText.topLevelWord(tokens, target.lastToken() + 1, "SET")
            : where;
    String query =
        "SELECT 1 FROM "
            + sql.substring(tokens.get(target.firstToken()).start(), tokens.get(targetEnd).start())
            + " "
            + sql.substring(tokens.get(where).start());
    Relation relation =
        new RelationBinder(context)
            .bind(query, SqlTokenizer.tokenize(query)).relations().stream()
                .filter(r -> r instanceof Relation.TableRelation t && t.id().equals(target.id()))
                .findFirst()
                .orElse(null);
    if (relation == null) {
      return Expressions.alwaysTrue();
    }
    return PruningFilters.extract(session, query, List.of(relation), Set.of())
        .getOrDefault(RelationExposer.key(relation), Expressions.alwaysTrue());
  }

  private List<Loaded> load(
      DuckSession session,
      RelationExposer exposer,
      QueryProfile profile,
      Table table,
      Snapshot snapshot,
      Expression filter,
      StatementText.Target target)
      throws SQLException {
    exposer.createSchema(target.id().namespace().toString());
    Schema schema = table.schema();
    String name = quote(target.id().namespace().toString()) + "." + quote(target.id().name());
    String definitions =
        schema.columns().stream()
            .map(f -> quote(f.name()) + " " + duckdbType(f.type()))
            .collect(Collectors.joining(", "));
    session.execute("CREATE TABLE " + name + " (" + definitions + ")");
    List<Loaded> loaded = new ArrayList<>();
    if (snapshot == null) {
      return loaded;
    }
    long planned = Long.parseLong(snapshot.summary().getOrDefault("total-data-files", "0"));
    long bytes = 0;
    long position = 0;
    try (CloseableIterable<FileScanTask> tasks =
        table
            .newScan()
            .useSnapshot(snapshot.snapshotId())
            .filter(filter)
            .caseSensitive(false)
            .planFiles()) {
      for (FileScanTask task : tasks) {
        PlannedFile file = PlannedFile.of(table, task);
        PlannedScan single =
            new PlannedScan(
                schema, table.schemas().size() > 1, List.of(file), 1, snapshot.snapshotId());
        long rows =
            session.update(
                "INSERT INTO " + name + " " + ParquetRelation.select(single, session.files()));
        loaded.add(new Loaded(task.file(), position, position + rows));
        position += rows;
        bytes += file.sizeBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    profile.scanned(target.id().toString(), planned, loaded.size(), bytes);
    return loaded;
  }

  private static List<DataFile> affected(
      DuckSession session, Schema schema, String name, List<Loaded> loaded) throws SQLException {
    session.execute(
        "CREATE TEMP TABLE __dp_ranges (file_index INTEGER, start_row BIGINT, end_row BIGINT)");
    if (!loaded.isEmpty()) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < loaded.size(); i++) {
        values.add("(" + i + ", " + loaded.get(i).start() + ", " + loaded.get(i).end() + ")");
      }
      session.execute("INSERT INTO __dp_ranges VALUES " + String.join(", ", values));
    }
    String changed =
        schema.columns().stream()
            .map(Types.NestedField::name)
            .map(column -> "a." + quote(column) + " IS DISTINCT FROM b." + quote(column))
            .collect(Collectors.joining(" OR "));
    session.execute(
        "CREATE TEMP TABLE __dp_affected AS SELECT * FROM __dp_ranges r WHERE EXISTS (SELECT 1 FROM __dp_before b"
            + " LEFT JOIN "
            + name
            + " a ON a.rowid = b.__dp_rowid WHERE b.__dp_rowid >= r.start_row AND b.__dp_rowid < r.end_row"
            + " AND (a.rowid IS NULL OR "
            + changed
            + "))");
    List<DataFile> files = new ArrayList<>();
    for (Object[] row : session.query("SELECT file_index FROM __dp_affected ORDER BY file_index")) {
      files.add(loaded.get(((Number) row[0]).intValue()).file());
    }
    return files;
  }

  private static void commit(
      Table table,
      Snapshot snapshot,
      Expression filter,
      List<DataFile> affected,
      List<DataFile> written,
      String name) {
    try {
      if (affected.isEmpty()) {
        AppendFiles append = table.newAppend();
        written.forEach(append::appendFile);
        append.commit();
        return;
      }
      OverwriteFiles overwrite = table.newOverwrite();
      affected.forEach(overwrite::deleteFile);
      written.forEach(overwrite::addFile);
      if (snapshot != null) {
        overwrite.validateFromSnapshot(snapshot.snapshotId());
      }
      overwrite
          .conflictDetectionFilter(filter)
          .validateNoConflictingData()
          .validateNoConflictingDeletes();
      overwrite.commit();
    } catch (RuntimeException e) {
      DataWriter.delete(written.stream().map(DataFile::location).toList());
      throw IcebergErrors.convert("commit changes to " + name, e);
    }
  }
}

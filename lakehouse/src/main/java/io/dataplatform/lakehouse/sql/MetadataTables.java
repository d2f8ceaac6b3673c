package io.dataplatform.lakehouse.sql;

import static io.dataplatform.lakehouse.catalog.TypeMapping.literal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.HistoryEntry;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.SnapshotUtil;

/** The metadata tables {@code t$snapshots}, {@code t$history} and {@code t$files}. */
final class MetadataTables {
  /** The suffixes after {@code $} that name a metadata table. */
  static final java.util.Set<String> KINDS = java.util.Set.of("snapshots", "history", "files");

  private MetadataTables() {}

  static void create(DuckSession session, String target, String kind, Table table)
      throws SQLException {
    switch (kind) {
      case "snapshots" -> snapshots(session, target, table);
      case "history" -> history(session, target, table);
      default -> files(session, target, table);
    }
  }

  private static void history(DuckSession session, String target, Table table) throws SQLException {
    session.execute(
        "CREATE TABLE "
            + target
            + " (made_current_at TIMESTAMPTZ, snapshot_id BIGINT,"
            + " parent_id BIGINT, is_current_ancestor BOOLEAN)");
    List<Long> ancestors =
        table.currentSnapshot() == null ? List.of() : SnapshotUtil.currentAncestorIds(table);
    try (PreparedStatement insert =
        session
            .connection()
            .prepareStatement("INSERT INTO " + target + " VALUES (make_timestamptz(?), ?, ?, ?)")) {
      for (HistoryEntry entry : table.history()) {
        Snapshot snapshot = table.snapshot(entry.snapshotId());
        insert.setLong(1, entry.timestampMillis() * 1000);
        insert.setLong(2, entry.snapshotId());
        insert.setObject(3, snapshot == null ? null : snapshot.parentId());
        insert.setBoolean(4, ancestors.contains(entry.snapshotId()));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void snapshots(DuckSession session, String target, Table table)
      throws SQLException {
    session.execute(
        "CREATE TABLE "
            + target
            + " (committed_at TIMESTAMPTZ, snapshot_id BIGINT, parent_id BIGINT,"
            + " operation VARCHAR, manifest_list VARCHAR, summary MAP(VARCHAR, VARCHAR))");
    List<String> rows = new ArrayList<>();
    for (Snapshot snapshot : table.snapshots()) {
      String summary =
          snapshot.summary().entrySet().stream()
              .map(entry -> literal(entry.getKey()) + ": " + literal(entry.getValue()))
              .collect(Collectors.joining(", ", "MAP {", "}"));
      rows.add(
          "(make_timestamptz("
              + snapshot.timestampMillis() * 1000
              + "), "
              + snapshot.snapshotId()
              + ", "
              + snapshot.parentId()
              + ", "
              + (snapshot.operation() == null ? "NULL" : literal(snapshot.operation()))
              + ", "
              + literal(String.valueOf(snapshot.manifestListLocation()))
              + ", "
              + (snapshot.summary().isEmpty() ? "MAP {}::MAP(VARCHAR, VARCHAR)" : summary)
              + ")");
    }
    if (!rows.isEmpty()) {
      session.execute("INSERT INTO " + target + " VALUES " + String.join(", ", rows));
    }
  }

  private static void files(DuckSession session, String target, Table table) throws SQLException {
    session.execute(
        "CREATE TABLE "
            + target
            + " (content INTEGER, file_path VARCHAR, file_format VARCHAR,"
            + " partition VARCHAR, record_count BIGINT, file_size_in_bytes BIGINT)");
    if (table.currentSnapshot() == null) {
      return;
    }
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles();
        PreparedStatement insert =
            session
                .connection()
                .prepareStatement("INSERT INTO " + target + " VALUES (?, ?, ?, ?, ?, ?)")) {
      for (FileScanTask task : tasks) {
        insert.setInt(1, task.file().content().id());
        insert.setString(2, task.file().location());
        insert.setString(3, task.file().format().name());
        insert.setString(4, task.spec().partitionToPath(task.file().partition()));
        insert.setLong(5, task.file().recordCount());
        insert.setLong(6, task.file().fileSizeInBytes());
        insert.addBatch();
      }
      insert.executeBatch();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.dataplatform.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dataplatform.api.TableId;
import io.dataplatform.api.connector.ChangeOperation;
import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceMessage.StagedFormat;
import io.dataplatform.api.connector.SourceRecord;
import io.dataplatform.lakehouse.load.CompactionThresholds;
import io.dataplatform.lakehouse.load.DeleteMode;
import io.dataplatform.lakehouse.load.LoadCommit;
import io.dataplatform.lakehouse.load.LoadSession;
import io.dataplatform.lakehouse.load.LoadTarget;
import io.dataplatform.lakehouse.load.TableLoad;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1,000,000-row table after 100 merge-on-read commits of 1,000 changed keys each, with compaction
 * held off so that it holds 100 position-delete files: reads give the right rows, and the time of a
 * count and a key lookup is printed beside the same queries once the table is compacted.
 */
class ManyDeleteFilesIT {
  private static final TableId ITEMS = TableId.of("raw", "items");
  private static final int ROWS = 1_000_000;
  private static final int COMMITS = 100;
  private static final int CHANGES = 1_000;
  private static final List<SourceColumn> COLUMNS =
      List.of(
          SourceColumn.nullable("id", DataType.LONG, "int8"),
          SourceColumn.nullable("version", DataType.INT, "int4"));

  @TempDir Path directory;

  @Test
  void readsStayCorrectAndFastWithManyDeleteFiles() throws Exception {
    try (LakehouseFixture lake = new LakehouseFixture(directory);
        LoadSession session =
            lake.lakehouse.loads().open(Files.createDirectories(directory.resolve("work")))) {
      LoadTarget target = LoadTarget.upsert(ITEMS, List.of("id"), DeleteMode.HARD);
      TableLoad load = session.table(target, COLUMNS, new CompactionThresholds(1.0, 10_000));
      Path seed = directory.resolve("work/seed.csv");
      try (var duck = DriverManager.getConnection("jdbc:duckdb:");
          var statement = duck.createStatement()) {
        statement.execute(
            "COPY (SELECT range AS id, 0 AS version FROM range("
                + ROWS
                + ")) TO '"
                + seed
                + "' (FORMAT csv, HEADER false)");
      }
      load.stageFile(seed, StagedFormat.CSV, COLUMNS, List.of(), () -> {});
      load.commit(commit(0));
      Random random = new Random(42);
      long merging = System.nanoTime();
      long lastKey = -1;
      for (int round = 1; round <= COMMITS; round++) {
        List<SourceRecord> changes = new ArrayList<>();
        for (int change = 0; change < CHANGES; change++) {
          lastKey = random.nextInt(ROWS);
          changes.add(
              new SourceRecord(
                  ChangeOperation.UPDATE, new Object[] {lastKey, round}, Optional.of("1")));
        }
        load.stage(COLUMNS, changes, List.of());
        load.commit(commit(round));
      }
      double mergeSeconds = (System.nanoTime() - merging) / 1e9;
      assertEquals(
          String.valueOf(COMMITS),
          lake.lakehouse
              .catalog()
              .loadTable(TableIdentifier.of("raw", "items"))
              .currentSnapshot()
              .summary()
              .get("total-delete-files"));
      String count = "SELECT count(*), count(DISTINCT id) FROM raw.items";
      String lookup = "SELECT version FROM raw.items WHERE id = " + lastKey;
      Timed countWithDeletes = Timed.of(lake, count);
      Timed lookupWithDeletes = Timed.of(lake, lookup);
      assertEquals(List.of(ROWS + "|" + ROWS), countWithDeletes.rows());
      assertEquals(List.of(String.valueOf(COMMITS)), lookupWithDeletes.rows());

      TableLoad compacting = session.table(target, COLUMNS, CompactionThresholds.DEFAULT);
      compacting.stage(
          COLUMNS,
          List.of(
              new SourceRecord(ChangeOperation.UPDATE, new Object[] {0L, -1}, Optional.of("1"))),
          List.of());
      long compaction = System.nanoTime();
      int rewritten = compacting.commit(commit(COMMITS + 1)).filesRewritten();
      double compactionSeconds = (System.nanoTime() - compaction) / 1e9;
      Timed countCompacted = Timed.of(lake, count);
      Timed lookupCompacted = Timed.of(lake, lookup);
      assertEquals(countWithDeletes.rows(), countCompacted.rows());
      assertEquals(lookupWithDeletes.rows(), lookupCompacted.rows());
      System.out.printf(
          "%,d rows, %d merge commits of %,d keys: %.1f s (%.0f ms a commit)%n"
              + "with %d delete files: count %d ms, key lookup %d ms%n"
              + "compaction commit (%d files rewritten): %.1f s%n"
              + "compacted: count %d ms, key lookup %d ms%n",
          ROWS,
          COMMITS,
          CHANGES,
          mergeSeconds,
          mergeSeconds * 1000 / COMMITS,
          COMMITS,
          countWithDeletes.millis(),
          lookupWithDeletes.millis(),
          rewritten,
          compactionSeconds,
          countCompacted.millis(),
          lookupCompacted.millis());
    }
  }

  private static LoadCommit commit(int round) {
    return new LoadCommit(
        "bench", "items", "sync-1", Map.of("round", "" + round), Optional.empty());
  }

  /** A query's rows and the best of three runs' time. */
  private record Timed(List<String> rows, long millis) {
    static Timed of(LakehouseFixture lake, String sql) {
      List<String> rows = null;
      long best = Long.MAX_VALUE;
      for (int run = 0; run < 3; run++) {
        long started = System.nanoTime();
        rows = lake.query(sql);
        best = Math.min(best, (System.nanoTime() - started) / 1_000_000);
      }
      return new Timed(rows, best);
    }
  }
}

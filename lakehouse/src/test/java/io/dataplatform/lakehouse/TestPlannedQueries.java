package io.dataplatform.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.lakehouse.sql.ColumnDescriptor;
import io.dataplatform.lakehouse.sql.PlannedQuery;
import io.dataplatform.lakehouse.sql.SqlSession;
import io.dataplatform.lakehouse.sql.StatementResult;
import io.dataplatform.metastore.QueryRecord;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queries planned apart from running them: columns first, rows when run. */
class TestPlannedQueries {
  private static final SqlSession SESSION = new SqlSession("planner", "test");
  @TempDir Path directory;
  LakehouseFixture lake;

  @BeforeEach
  void open() {
    lake = new LakehouseFixture(directory);
    lake.update("CREATE SCHEMA shop");
    lake.update("CREATE TABLE shop.t (id INTEGER, name VARCHAR)");
    lake.update("INSERT INTO shop.t VALUES (1, 'one'), (2, 'two')");
  }

  @AfterEach
  void close() {
    lake.close();
  }

  @Test
  void aPlannedQueryKnowsItsColumnsAndRunsOnce() throws Exception {
    String sql = "SELECT id, name, id * 1.5 AS half FROM shop.t ORDER BY id";
    PlannedQuery query = lake.lakehouse.sql().plan(SESSION, sql).orElseThrow();
    assertEquals(
        List.of("id INTEGER", "name VARCHAR", "half DECIMAL(12,1)"),
        query.columns().stream().map(column -> column.name() + " " + column.type()).toList());
    List<String> rows = new ArrayList<>();
    try (StatementResult result = query.run()) {
      ResultSet set = result.rows().orElseThrow();
      while (set.next()) {
        rows.add(set.getInt(1) + "|" + set.getString(2));
      }
      result.rowsReturned(rows.size());
    }
    assertEquals(List.of("1|one", "2|two"), rows);
    IllegalStateException again = assertThrows(IllegalStateException.class, query::run);
    assertEquals("Cannot run query: it already ran or was closed", again.getMessage());
    QueryRecord record = recorded(sql);
    assertEquals("FINISHED", record.status());
    assertEquals(2, record.rowsReturned());
    assertEquals(List.of("shop.t"), record.tablesRead());
  }

  @Test
  void anErrorFoundWhileRunningIsThrownByRunAndRecorded() throws Exception {
    String sql = "SELECT CAST(name AS INTEGER) AS n FROM shop.t";
    PlannedQuery query = lake.lakehouse.sql().plan(SESSION, sql).orElseThrow();
    assertEquals(List.of("n"), query.columns().stream().map(ColumnDescriptor::name).toList());
    DpException error = assertThrows(DpException.class, query::run);
    assertEquals(StandardErrorCode.SQL_ERROR, error.code());
    assertTrue(
        error.getMessage().contains("Could not convert string 'one' to INT32"), error.getMessage());
    assertEquals("FAILED", recorded(sql).status());
    assertEquals(List.of("1"), lake.query("SELECT count(*) FROM shop.t WHERE id = 2"));
  }

  @Test
  void aQueryClosedBeforeItRunsIsRecordedAsNotRun() throws Exception {
    String sql = "SELECT name FROM shop.t -- never run";
    PlannedQuery query = lake.lakehouse.sql().plan(SESSION, sql).orElseThrow();
    query.close();
    query.close();
    IllegalStateException error = assertThrows(IllegalStateException.class, query::run);
    assertEquals("Cannot run query: it already ran or was closed", error.getMessage());
    QueryRecord record = recorded(sql);
    assertEquals("FAILED", record.status());
    assertEquals(
        "Cannot run query: it was closed before it ran", record.errorMessage().orElseThrow());
  }

  @Test
  void errorsInTheTextAreThrownByPlanAndOnlyQueriesArePlanned() {
    DpException unknown =
        assertThrows(
            DpException.class,
            () -> lake.lakehouse.sql().plan(SESSION, "SELECT * FROM shop.nowhere"));
    assertTrue(
        unknown.getMessage().contains("Table with name nowhere does not exist"),
        unknown.getMessage());
    DpException refused =
        assertThrows(
            DpException.class, () -> lake.lakehouse.sql().plan(SESSION, "COPY shop.t TO 'x'"));
    assertEquals(StandardErrorCode.PERMISSION_DENIED, refused.code());
    String insert = "INSERT INTO shop.t VALUES (3, 'three')";
    assertEquals(Optional.empty(), lake.lakehouse.sql().plan(SESSION, insert));
    assertEquals(List.of("2"), lake.query("SELECT count(*) FROM shop.t"));
  }

  /** The history's record of a statement, once the recorder stored it. */
  private QueryRecord recorded(String sql) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (true) {
      Optional<QueryRecord> record =
          lake.metastore.queries().recent(Optional.empty(), 50).stream()
              .filter(candidate -> candidate.sql().equals(sql))
              .findFirst();
      if (record.isPresent() || System.nanoTime() > deadline) {
        return record.orElseThrow(() -> new AssertionError("not in the history: " + sql));
      }
      Thread.sleep(10);
    }
  }
}

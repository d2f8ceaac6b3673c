package io.dataplatform.ingest.source.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.ReadRequest;
import io.dataplatform.api.connector.SourceMessage;
import io.dataplatform.api.connector.SourceReader;
import io.dataplatform.api.connector.SourceRecord;
import io.dataplatform.api.connector.SourceStream;
import io.dataplatform.api.connector.StreamState;
import io.dataplatform.api.connector.SyncMode;
import io.dataplatform.ingest.source.SourceReads;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental reads resumed from any of their checkpoints neither lose nor repeat rows, even when
 * many rows share a cursor value and batches are smaller than those groups.
 */
class TestTableReadCheckpoints {
  /** Cursor values of rows 1…n: groups of equal values longer than a batch, and NULLs. */
  private static final Integer[] CURSORS = {
    1, 1, 1, 2, 2, 3, 3, 3, 3, 3, 4, 5, 5, 6, 7, 7, 7, null, null, 8, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
    10
  };

  private static final int BATCH_ROWS = 2;

  @TempDir Path work;
  private final String url = "jdbc:h2:mem:dp_" + UUID.randomUUID().toString().replace("-", "");
  private Connection keepAlive;

  @BeforeEach
  void createTable() throws SQLException {
    keepAlive = DriverManager.getConnection(url, "sa", "");
    try (Statement statement = keepAlive.createStatement()) {
      statement.execute("CREATE TABLE EVENTS (ID INT PRIMARY KEY, VERSION INT, NOTE VARCHAR(10))");
      for (int i = 0; i < CURSORS.length; i++) {
        statement.execute(
            "INSERT INTO EVENTS VALUES (" + (i + 1) + ", " + CURSORS[i] + ", 'n" + i + "')");
      }
    }
  }

  @AfterEach
  void drop() throws SQLException {
    try (Statement statement = keepAlive.createStatement()) {
      statement.execute("SHUTDOWN");
    }
    keepAlive.close();
  }

  @Test
  void everyCheckpointResumesWithoutLossOrRepeat() throws Exception {
    List<SourceMessage> messages = read(StreamState.EMPTY).messages;
    TreeSet<String> everyId = new TreeSet<>();
    for (int i = 1; i <= CURSORS.length; i++) {
      everyId.add(String.valueOf(i));
    }
    assertEquals(everyId, ids(messages, messages.size()), "the first read takes every row");

    int checkpoints = 0;
    for (int index = 0; index < messages.size(); index++) {
      if (messages.get(index) instanceof SourceMessage.Checkpoint checkpoint) {
        checkpoints++;
        TreeSet<String> before = ids(messages, index);
        List<SourceMessage> resumed = read(checkpoint.state()).messages;
        TreeSet<String> after = ids(resumed, resumed.size());
        TreeSet<String> overlap = new TreeSet<>(before);
        overlap.retainAll(after);
        assertTrue(overlap.isEmpty(), "rows read twice from " + checkpoint + ": " + overlap);
        TreeSet<String> union = new TreeSet<>(before);
        union.addAll(after);
        assertEquals(
            withoutNullCursors(everyId),
            withoutNullCursors(union),
            "rows lost when resuming from " + checkpoint);
      }
    }
    assertTrue(checkpoints >= 6, "checkpoints along the read: " + checkpoints);
  }

  @Test
  void checkpointsFollowEveryRowSharingTheirCursorValue() throws Exception {
    List<SourceMessage> messages = read(StreamState.EMPTY).messages;
    List<Integer> sentVersions = new ArrayList<>();
    for (SourceMessage message : messages) {
      if (message instanceof SourceMessage.RecordBatch batch) {
        assertTrue(
            batch.records().size() <= BATCH_ROWS * TableRead.MAX_BATCH_FACTOR,
            "batches stay bounded");
        for (SourceRecord record : batch.records()) {
          sentVersions.add((Integer) record.values()[1]);
        }
      } else if (message instanceof SourceMessage.Checkpoint checkpoint) {
        int value = Integer.parseInt(checkpoint.state().value("cursor_value").orElseThrow());
        assertEquals("VERSION", checkpoint.state().value("cursor").orElseThrow());
        long sent = sentVersions.stream().filter(v -> v != null && v == value).count();
        long total = java.util.Arrays.stream(CURSORS).filter(v -> v != null && v == value).count();
        assertEquals(total, sent, "every row with cursor " + value + " precedes its checkpoint");
        assertEquals(
            value,
            sentVersions.get(sentVersions.size() - 1),
            "nothing past cursor " + value + " precedes its checkpoint");
      }
    }
  }

  @Test
  void rowsWithANullCursorComeWithTheFirstReadOnly() throws Exception {
    SourceReads first = read(StreamState.EMPTY);
    List<SourceReads.Row> rows = first.rows("PUBLIC.EVENTS");
    assertEquals("18", rows.get(0).value("id"), "NULL cursors are read first");
    assertEquals("19", rows.get(1).value("id"));
    StreamState last = first.lastCheckpoint("PUBLIC.EVENTS").orElseThrow().state();
    assertEquals(Map.of("cursor", "VERSION", "cursor_value", "10"), last.values());
    SourceReads again = read(last);
    assertEquals(0, again.rows("PUBLIC.EVENTS").size(), "nothing past the last checkpoint");
    assertEquals(last, again.lastCheckpoint("PUBLIC.EVENTS").orElseThrow().state());
    assertFalse(again.messages.isEmpty(), "the stream still ends");
  }

  @Test
  void cursorValuesACollationMayFindEqualNeverGetABoundaryBetweenThem() {
    assertTrue(TableRead.sameCursor("Straße", "STRAßE"), "case");
    assertTrue(TableRead.sameCursor("Café", "cafe "), "accents, case and padding");
    assertFalse(TableRead.sameCursor("cafe", "cafes"));
    assertTrue(TableRead.sameCursor(-0.0d, 0.0d), "signed zeros");
    assertTrue(
        TableRead.sameCursor(new java.math.BigDecimal("1.0"), new java.math.BigDecimal("1.00")));
    assertTrue(
        TableRead.sameCursor(
            java.time.OffsetDateTime.parse("2024-01-01T10:00:00Z"),
            java.time.OffsetDateTime.parse("2024-01-01T12:00:00+02:00")));
    assertFalse(TableRead.sameCursor(1L, 2L));
  }

  private SourceReads read(StreamState state) throws Exception {
    JdbcConnector connector = new JdbcConnector();
    ConnectorConfig config = new ConnectorConfig("jdbc", Map.of("url", url, "user", "sa"));
    SourceStream stream =
        connector.discover(config).stream()
            .filter(candidate -> candidate.name().equals("PUBLIC.EVENTS"))
            .findFirst()
            .orElseThrow();
    ConfiguredStream configured =
        new ConfiguredStream(
            stream, SyncMode.INCREMENTAL_APPEND, Optional.of("VERSION"), List.of("ID"), state);
    try (SourceReader reader =
        connector.read(config, new ReadRequest(List.of(configured), "test", work, BATCH_ROWS))) {
      return SourceReads.drain(reader, Duration.ofSeconds(30));
    }
  }

  private static TreeSet<String> ids(List<SourceMessage> messages, int end) {
    TreeSet<String> ids = new TreeSet<>();
    for (SourceMessage message : messages.subList(0, end)) {
      if (message instanceof SourceMessage.RecordBatch batch) {
        for (SourceRecord record : batch.records()) {
          ids.add(String.valueOf(record.values()[0]));
        }
      }
    }
    return ids;
  }

  /** Rows with a NULL cursor belong to the first read only; resumed reads never see them. */
  private static TreeSet<String> withoutNullCursors(TreeSet<String> ids) {
    TreeSet<String> result = new TreeSet<>(ids);
    for (int i = 0; i < CURSORS.length; i++) {
      if (CURSORS[i] == null) {
        result.remove(String.valueOf(i + 1));
      }
    }
    return result;
  }
}

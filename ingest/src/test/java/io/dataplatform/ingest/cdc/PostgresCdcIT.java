package io.dataplatform.ingest.cdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import io.dataplatform.api.connector.ChangeOperation;
import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.ReadRequest;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceMessage;
import io.dataplatform.api.connector.SourceReader;
import io.dataplatform.api.connector.SourceStream;
import io.dataplatform.api.connector.StreamState;
import io.dataplatform.api.connector.SyncMode;
import io.dataplatform.ingest.source.SourceReads;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** PostgreSQL change data capture against the real server of {@code .ci/postgres-start}. */
class PostgresCdcIT extends PostgresCdcFixture {
  @Test
  void snapshotThenInsertsUpdatesAndDeletesAreFollowed() throws Exception {
    try (SourceReader reader = CdcReaders.postgres(config(), request(StreamState.EMPTY))) {
      CdcDrain drain =
          new CdcDrain().until(reader, seen -> seen.count(ChangeOperation.READ) == 3, TIMEOUT);
      CdcDrain.Seen first =
          drain.records.stream().filter(seen -> seen.value("id").equals(1)).findFirst().get();
      assertEquals(new BigDecimal("1.50"), first.value("price"));
      assertEquals(OffsetDateTime.parse("2024-01-01T10:00:00Z"), first.value("updated"));
      assertInstanceOf(OffsetDateTime.class, first.value("updated"));

      sql(
          "INSERT INTO items VALUES (4, 'four', 4.00, now())",
          "UPDATE items SET name = 'TWO', price = 20.10 WHERE id = 2",
          "DELETE FROM items WHERE id = 3");
      drain.until(reader, seen -> seen.records.size() == 6, TIMEOUT);

      List<CdcDrain.Seen> changes = drain.records.subList(3, 6);
      assertEquals(ChangeOperation.INSERT, changes.get(0).record().operation());
      assertEquals("four", changes.get(0).value("name"));
      assertEquals(ChangeOperation.UPDATE, changes.get(1).record().operation());
      assertEquals("TWO", changes.get(1).value("name"));
      assertEquals(new BigDecimal("20.10"), changes.get(1).value("price"));
      assertEquals(ChangeOperation.DELETE, changes.get(2).record().operation());
      assertEquals(3, changes.get(2).value("id"));
      assertPositionsIncrease(drain.records);
      assertFalse(drain.checkpoints.isEmpty(), "checkpoints were sent");
      assertEquals(STREAM, drain.lastCheckpoint().stream());
    }
  }

  @Test
  void anExportedSnapshotSeesTheRowsBeforeTheSlotAndTheSlotDeliversEveryChangeAfter()
      throws Exception {
    StreamState complete;
    try (PostgresSnapshotExport slot =
        CdcReaders.postgresSnapshotExport(config(), request(StreamState.EMPTY)).orElseThrow()) {
      // committed after the slot's consistent point, before the snapshot is imported
      sql(
          "INSERT INTO items VALUES (4, 'four', 4.00, now())",
          "UPDATE items SET name = 'TWO' WHERE id = 2",
          "DELETE FROM items WHERE id = 3");
      try (Connection connection = connect(database)) {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET TRANSACTION SNAPSHOT '" + slot.snapshotName() + "'");
          slot.close();
          try (ResultSet rows =
              statement.executeQuery("SELECT string_agg(id || name, ',' ORDER BY id) FROM items")) {
            rows.next();
            assertEquals("1one,2two,3three", rows.getString(1), "the rows before the slot");
          }
        }
        connection.commit();
      }
      assertTrue(CdcState.snapshotRunning(CdcState.of(slot.runningState(), STREAM).get().offset()));
      complete = slot.completeState();
      assertEquals(slot.position(), CdcState.of(complete, STREAM).get().position());
    }
    // a read from the complete state takes no snapshot and gets exactly the three changes
    try (SourceReader reader = CdcReaders.postgres(config(), request(complete))) {
      assertTrue(CdcReaders.postgresSnapshotExport(config(), request(complete)).isEmpty());
      CdcDrain drain = new CdcDrain().until(reader, seen -> seen.records.size() >= 3, TIMEOUT);
      drain.during(reader, Duration.ofSeconds(2));
      assertEquals(
          List.of("INSERT 4", "UPDATE 2", "DELETE 3"),
          drain.records.stream()
              .map(seen -> seen.record().operation() + " " + seen.value("id"))
              .toList());
      String snapshotPosition = CdcState.of(complete, STREAM).get().position();
      assertTrue(
          drain.records.stream()
              .allMatch(seen -> seen.record().position().get().compareTo(snapshotPosition) > 0),
          "changes sort after the snapshot's rows");
    }
  }

  @Test
  void anUnfinishedSnapshotsSlotIsCreatedAgainForTheNextSnapshot() throws Exception {
    StreamState running;
    String first;
    try (PostgresSnapshotExport slot =
        CdcReaders.postgresSnapshotExport(config(), request(StreamState.EMPTY)).orElseThrow()) {
      running = slot.runningState();
      first = slot.consistentPoint();
    }
    sql("INSERT INTO items VALUES (5, 'five', 5, NULL)");
    try (PostgresSnapshotExport again =
        CdcReaders.postgresSnapshotExport(config(), request(running)).orElseThrow()) {
      assertTrue(
          PostgresSnapshotExport.lsn(again.consistentPoint()) > PostgresSnapshotExport.lsn(first),
          first + " then " + again.consistentPoint());
    }
    assertEquals(
        1L,
        count(
            "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '"
                + CdcSettings.identifier("dp_", connectionName)
                + "'"));
  }

  @Test
  void restartFromACheckpointResumesWithoutSnapshotOrRepeats() throws Exception {
    StreamState committed;
    try (SourceReader reader = CdcReaders.postgres(config(), request(StreamState.EMPTY))) {
      CdcDrain drain =
          new CdcDrain().until(reader, seen -> seen.count(ChangeOperation.READ) == 3, TIMEOUT);
      sql("INSERT INTO items VALUES (10, 'ten', 10, NULL)");
      drain.until(reader, seen -> seen.count(ChangeOperation.INSERT) == 1, TIMEOUT);
      drain.untilCheckpointed(reader, TIMEOUT);
      sql("UPDATE items SET name = 'eleven' WHERE id = 1");
      drain.until(reader, seen -> seen.count(ChangeOperation.UPDATE) == 1, TIMEOUT);
      committed = drain.untilCheckpointed(reader, TIMEOUT).lastCheckpoint().state();
    }
    sql("INSERT INTO items VALUES (12, 'twelve', 12, NULL)");

    try (SourceReader reader = CdcReaders.postgres(config(), request(committed))) {
      CdcDrain drain =
          new CdcDrain().until(reader, seen -> seen.count(ChangeOperation.INSERT) == 1, TIMEOUT);
      drain.during(reader, Duration.ofSeconds(3));
      assertEquals(0, drain.count(ChangeOperation.READ), "no snapshot after a committed offset");
      assertEquals(
          1,
          drain.records.size(),
          "only the change after the checkpoint "
              + committed
              + " "
              + drain.records.stream()
                  .map(seen -> seen.record().operation() + " " + seen.record().position())
                  .toList());
      assertEquals(12, drain.records.get(0).value("id"));
    }
    assertEquals(true, CdcReaders.postgresStatus(config(), connectionName).get("slot_exists"));
  }

  @Test
  void streamsResumingFromDifferentStatesEachGetOnlyWhatTheyMiss() throws Exception {
    sql(
        "CREATE TABLE others (id int PRIMARY KEY, name text, price numeric(10,2),"
            + " updated timestamptz)");
    StreamState itemsState = null;
    StreamState othersState = null;
    try (SourceReader reader = CdcReaders.postgres(config(), twoStreams(null, null))) {
      CdcDrain drain = new CdcDrain();
      drain.until(reader, seen -> seen.count(ChangeOperation.READ) == 3, TIMEOUT);
      drain.until(reader, seen -> stateOf(seen, "public.others") != null, TIMEOUT);
      othersState = stateOf(drain, "public.others");
      sql(
          "BEGIN",
          "INSERT INTO items VALUES (50, 'fifty', 50, NULL)",
          "INSERT INTO others VALUES (50, 'fifty', 50, NULL)",
          "COMMIT");
      // the items stream commits the round with the inserts, the others stream does not
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (itemsState == null && System.nanoTime() < deadline) {
        Optional<SourceMessage> message = reader.poll(Duration.ofMillis(200));
        if (message.isPresent()
            && message.get() instanceof SourceMessage.Checkpoint checkpoint
            && checkpoint.stream().equals(STREAM)) {
          reader.committed(checkpoint);
          itemsState = checkpoint.state();
        }
      }
    }
    try (SourceReader reader = CdcReaders.postgres(config(), twoStreams(itemsState, othersState))) {
      CdcDrain drain =
          new CdcDrain().until(reader, seen -> seen.count(ChangeOperation.INSERT) == 1, TIMEOUT);
      drain.during(reader, Duration.ofSeconds(3));
      assertEquals(1, drain.records.size(), "one insert in all");
      assertEquals("public.others", drain.records.get(0).stream());
      assertEquals(50, drain.records.get(0).value("id"));
      assertEquals(0, drain.count(ChangeOperation.READ), "no snapshot");
    }
  }

  private static StreamState stateOf(CdcDrain drain, String stream) {
    StreamState state = null;
    for (SourceMessage.Checkpoint checkpoint : drain.checkpoints) {
      if (checkpoint.stream().equals(stream)) {
        state = checkpoint.state();
      }
    }
    return state;
  }

  ReadRequest twoStreams(StreamState items, StreamState others) {
    SourceStream second =
        new SourceStream(
            "public.others",
            stream().columns(),
            List.of("id"),
            List.of(),
            Optional.empty(),
            Set.of(SyncMode.CDC));
    return new ReadRequest(
        List.of(
            new ConfiguredStream(
                stream(),
                SyncMode.CDC,
                Optional.empty(),
                List.of("id"),
                items == null ? StreamState.EMPTY : items),
            new ConfiguredStream(
                second,
                SyncMode.CDC,
                Optional.empty(),
                List.of("id"),
                others == null ? StreamState.EMPTY : others)),
        connectionName,
        work,
        1000);
  }

  @Test
  void aCheckpointThatWasNotCommittedIsReadAgain() throws Exception {
    StreamState first;
    try (SourceReader reader = CdcReaders.postgres(config(), request(StreamState.EMPTY))) {
      CdcDrain drain = new CdcDrain();
      drain.until(reader, seen -> seen.count(ChangeOperation.READ) == 3, TIMEOUT);
      first = drain.untilCheckpointed(reader, TIMEOUT).lastCheckpoint().state();
      // read the next change but never report its checkpoint as committed
      sql("INSERT INTO items VALUES (20, 'twenty', 20, NULL)");
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      boolean seen = false;
      while (!seen && System.nanoTime() < deadline) {
        seen = reader.poll(Duration.ofMillis(200)).isPresent();
      }
      assertTrue(seen, "the insert arrived");
    }
    try (SourceReader reader = CdcReaders.postgres(config(), request(first))) {
      CdcDrain drain =
          new CdcDrain().until(reader, seen -> seen.count(ChangeOperation.INSERT) == 1, TIMEOUT);
      assertEquals(20, drain.records.get(drain.records.size() - 1).value("id"));
      assertEquals(0, drain.count(ChangeOperation.READ), "no snapshot");
    }
  }

  @Test
  void anAddedColumnLengthensLaterBatches() throws Exception {
    try (SourceReader reader = CdcReaders.postgres(config(), request(StreamState.EMPTY))) {
      CdcDrain drain =
          new CdcDrain().until(reader, seen -> seen.count(ChangeOperation.READ) == 3, TIMEOUT);
      sql(
          "ALTER TABLE items ADD COLUMN note varchar(20), ADD COLUMN weight numeric(8,3)",
          "INSERT INTO items VALUES (5, 'five', 5, NULL, 'noted', 1.5)");
      drain.until(reader, seen -> seen.count(ChangeOperation.INSERT) == 1, TIMEOUT);
      CdcDrain.Seen inserted = drain.records.get(drain.records.size() - 1);
      assertEquals(List.of("id", "name", "price", "updated", "note", "weight"), inserted.columns());
      assertEquals("noted", inserted.value("note"));
      assertEquals(new BigDecimal("1.500"), inserted.value("weight"));
      List<SourceColumn> columns = drain.batches.get(drain.batches.size() - 1).columns();
      assertEquals(DataType.STRING, columns.get(4).type());
      assertEquals(DataType.decimal(8, 3), columns.get(5).type());
    }
  }

  @Test
  void statusShowsTheSlotAndReleaseDropsIt() throws Exception {
    try (SourceReader reader = CdcReaders.postgres(config(), request(StreamState.EMPTY))) {
      new CdcDrain().until(reader, seen -> seen.count(ChangeOperation.READ) == 3, TIMEOUT);
      DpException busy =
          assertThrows(
              DpException.class, () -> CdcReaders.releasePostgres(config(), connectionName));
      assertTrue(
          busy.getMessage().startsWith("Cannot drop the replication slot: it is in use"),
          busy.getMessage());
    }
    Map<String, Object> status = CdcReaders.postgresStatus(config(), connectionName);
    assertEquals(CdcSettings.identifier("dp_", connectionName), status.get("slot_name"));
    assertEquals(true, status.get("slot_exists"));
    assertInstanceOf(Long.class, status.get("lag_bytes"));
    assertInstanceOf(String.class, status.get("confirmed_flush_lsn"));

    CdcReaders.releasePostgres(config(), connectionName);
    assertEquals(false, CdcReaders.postgresStatus(config(), connectionName).get("slot_exists"));
    assertEquals(0, count("SELECT count(*) FROM pg_publication"));
  }

  @Test
  void withAnIdleStopTheReaderEndsAfterCatchingUp() throws Exception {
    Map<String, Object> values = new java.util.HashMap<>(config().values());
    values.put("cdc_idle_stop_seconds", 2);
    ConnectorConfig stopping = new ConnectorConfig("postgres", values);
    try (SourceReader reader = CdcReaders.postgres(stopping, request(StreamState.EMPTY))) {
      SourceReads reads = SourceReads.drain(reader, TIMEOUT);
      assertEquals(3, reads.rows(STREAM).size());
      assertEquals(List.of(STREAM), reads.ends);
      assertTrue(reader.isFinished(), "finished after its stream ended");
      assertTrue(reads.lastCheckpoint(STREAM).isPresent(), "a checkpoint before the end");
    }
  }

  @Test
  void aWrongPasswordIsExplained() {
    Map<String, Object> values = new java.util.HashMap<>(config().values());
    values.put("password", "wrong-secret");
    DpException error =
        assertThrows(
            DpException.class,
            () ->
                CdcReaders.postgres(
                    new ConnectorConfig("postgres", values), request(StreamState.EMPTY)));
    assertTrue(
        error.getMessage().startsWith("Cannot prepare the publication dp_cdc_test_"),
        error.getMessage());
    assertTrue(error.getMessage().contains("password authentication failed"), error.getMessage());
    assertFalse(error.getMessage().contains("wrong-secret"), error.getMessage());
  }

  @Test
  void anUnchangedLargeValueStopsTheStreamUnlessTheReplicaIdentityIsFull() throws Exception {
    // random text does not compress, so PostgreSQL stores it out of line (TOAST)
    String large =
        "md5(random()::text) || string_agg(md5(random()::text), '') FROM generate_series(1, 200)";
    sql("UPDATE items SET name = (SELECT " + large + ") WHERE id = 1");
    try (SourceReader reader = CdcReaders.postgres(config(), request(StreamState.EMPTY))) {
      CdcDrain drain =
          new CdcDrain().until(reader, seen -> seen.count(ChangeOperation.READ) == 3, TIMEOUT);
      sql("UPDATE items SET price = 9 WHERE id = 1");
      DpException error =
          assertThrows(
              DpException.class,
              () -> drain.until(reader, seen -> seen.count(ChangeOperation.UPDATE) == 1, TIMEOUT));
      assertEquals(
          "Cannot follow the changes of a stream: an update left a large unchanged value out of"
              + " the change log; set replica_identity_full: true on the connection (or REPLICA"
              + " IDENTITY FULL on the table) and reset the stream (dp sync <connection> --reset;"
              + " public.items, column name)",
          error.getMessage());
    }
    CdcReaders.releasePostgres(config(), connectionName);

    Map<String, Object> values = new java.util.HashMap<>(config().values());
    values.put("replica_identity_full", true);
    ConnectorConfig full = new ConnectorConfig("postgres", values);
    try (SourceReader reader = CdcReaders.postgres(full, request(StreamState.EMPTY))) {
      CdcDrain drain =
          new CdcDrain().until(reader, seen -> seen.count(ChangeOperation.READ) == 3, TIMEOUT);
      sql("UPDATE items SET price = 10 WHERE id = 1");
      drain.until(reader, seen -> seen.count(ChangeOperation.UPDATE) == 1, TIMEOUT);
      CdcDrain.Seen updated = drain.records.get(drain.records.size() - 1);
      assertEquals(6432, ((String) updated.value("name")).length());
      assertEquals(new BigDecimal("10.00"), updated.value("price"));
    }
  }

  @Test
  void anUnchangedLargeArrayIsCaughtLikeAnUnchangedLargeText() throws Exception {
    // arrays come through the platform's own conversion, which must pass the marker on
    sql(
        "ALTER TABLE items ADD COLUMN readings numeric[]",
        "UPDATE items SET readings = (SELECT array_agg(random()::numeric) FROM"
            + " generate_series(1, 2000)) WHERE id = 1");
    try (SourceReader reader = CdcReaders.postgres(config(), request(StreamState.EMPTY))) {
      CdcDrain drain =
          new CdcDrain().until(reader, seen -> seen.count(ChangeOperation.READ) == 3, TIMEOUT);
      sql("UPDATE items SET price = 9 WHERE id = 1");
      DpException error =
          assertThrows(
              DpException.class,
              () -> drain.until(reader, seen -> seen.count(ChangeOperation.UPDATE) == 1, TIMEOUT));
      assertTrue(
          error.getMessage().endsWith(" public.items, column readings)"), error.getMessage());
    }
  }

  @Test
  void aStreamInAnotherModeIsRefused() {
    ReadRequest request =
        new ReadRequest(
            List.of(
                new ConfiguredStream(
                    stream(),
                    SyncMode.FULL_REFRESH_APPEND,
                    Optional.empty(),
                    List.of("id"),
                    StreamState.EMPTY)),
            connectionName,
            work,
            100);
    DpException error =
        assertThrows(DpException.class, () -> CdcReaders.postgres(config(), request));
    assertEquals(
        "Cannot start change data capture: the stream's mode is not cdc (public.items,"
            + " full_refresh_append, postgres)",
        error.getMessage());
  }

  static void assertPositionsIncrease(List<CdcDrain.Seen> records) {
    String previous = "";
    for (CdcDrain.Seen seen : records) {
      String position = seen.record().position().orElseThrow();
      assertTrue(position.compareTo(previous) > 0, previous + " then " + position);
      previous = position;
    }
  }
}

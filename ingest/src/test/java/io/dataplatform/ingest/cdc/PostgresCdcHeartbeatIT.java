package io.dataplatform.ingest.cdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.connector.ChangeOperation;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.SourceMessage;
import io.dataplatform.api.connector.SourceReader;
import io.dataplatform.api.connector.StreamState;
import io.dataplatform.ingest.testing.PostgresTestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Heartbeats move an idle PostgreSQL replication slot past other databases' WAL, once the log moved
 * on by a WAL segment and the checkpoint is committed.
 */
class PostgresCdcHeartbeatIT extends PostgresCdcFixture {
  @Test
  void heartbeatsMoveAnIdleSlotPastOtherDatabasesWalOnceCommitted() throws Exception {
    Map<String, Object> values = new java.util.HashMap<>(config().values());
    values.put("cdc_heartbeat_seconds", 1);
    ConnectorConfig config = new ConnectorConfig("postgres", values);
    String other = database + "_wal";
    PostgresTestDatabases.create(other);
    try (SourceReader reader = CdcReaders.postgres(config, request(StreamState.EMPTY))) {
      CdcDrain drain =
          new CdcDrain().until(reader, seen -> seen.count(ChangeOperation.READ) == 3, TIMEOUT);
      long reference = lsn(drain.untilCheckpointed(reader, TIMEOUT).lastCheckpoint());

      // heartbeats send nothing while the log gains less than a segment (their own messages)
      String quietStart = currentWal(database);
      long quietUntil = System.nanoTime() + Duration.ofSeconds(4).toNanos();
      while (System.nanoTime() < quietUntil) {
        Optional<SourceMessage> message = reader.poll(Duration.ofMillis(200));
        assertTrue(
            message.isEmpty()
                || lsnDifference(currentWal(database), quietStart)
                    >= PostgresCdc.HEARTBEAT_WAL_BYTES,
            "nothing while the log stays put: " + message);
        if (message.orElse(null) instanceof SourceMessage.Checkpoint checkpoint) {
          reference = lsn(checkpoint);
        }
      }

      String walStart = currentWal(database);
      try (Connection connection = connect(other);
          Statement statement = connection.createStatement()) {
        statement.execute(
            "CREATE TABLE filler AS SELECT i, md5(i::text) FROM generate_series(1, 400000) i");
      }
      String walEnd = currentWal(database);
      assertTrue(
          lsnDifference(walEnd, walStart) >= PostgresCdc.HEARTBEAT_WAL_BYTES,
          "the other database wrote a WAL segment: " + walStart + " to " + walEnd);

      // a heartbeat checkpoint a segment further on arrives (during the filler's WAL or after
      // it), but the slot stays behind until it is committed
      SourceMessage.Checkpoint heartbeat = null;
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (heartbeat == null) {
        assertTrue(System.nanoTime() < deadline, "no heartbeat checkpoint after " + walStart);
        Optional<SourceMessage> message = reader.poll(Duration.ofMillis(200));
        assertFalse(
            message.orElse(null) instanceof SourceMessage.RecordBatch,
            "no records for other databases' WAL: " + message);
        if (message.orElse(null) instanceof SourceMessage.Checkpoint checkpoint) {
          heartbeat = checkpoint;
        }
      }
      long moved = lsn(heartbeat);
      assertTrue(
          moved - reference >= PostgresCdc.HEARTBEAT_WAL_BYTES,
          "a segment past the last checkpoint: " + reference + " -> " + moved);
      assertTrue(lsnDifference(lsnText(moved), walStart) > 0, "past " + walStart + ": " + moved);
      assertFalse(slotPassed(lsnText(moved)), "the slot waits for the commit");
      reader.committed(heartbeat);
      drain.until(reader, seen -> slotPassedQuietly(lsnText(moved)), TIMEOUT);
      assertEquals(3, drain.records.size(), "only the snapshot's records");
    } finally {
      PostgresTestDatabases.drop(other);
    }
  }

  private String currentWal(String name) throws SQLException {
    try (Connection connection = connect(name);
        Statement statement = connection.createStatement();
        var result = statement.executeQuery("SELECT pg_current_wal_lsn()::text")) {
      result.next();
      return result.getString(1);
    }
  }

  /** The WAL position a checkpoint's offset is at. */
  private static long lsn(SourceMessage.Checkpoint checkpoint) {
    Map<String, Object> offset = CdcState.of(checkpoint.state(), STREAM).orElseThrow().offset();
    return ((Number) offset.getOrDefault("lsn_commit", offset.get("lsn"))).longValue();
  }

  private static String lsnText(long position) {
    return Long.toHexString(position >>> 32) + "/" + Long.toHexString(position & 0xFFFFFFFFL);
  }

  private long lsnDifference(String position, String lsn) throws SQLException {
    try (Connection connection = connect(database);
        var statement =
            connection.prepareStatement("SELECT pg_wal_lsn_diff(?::pg_lsn, ?::pg_lsn)::bigint")) {
      statement.setString(1, position);
      statement.setString(2, lsn);
      try (var result = statement.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  private boolean slotPassed(String lsn) throws SQLException {
    try (Connection connection = connect(database);
        var statement =
            connection.prepareStatement(
                "SELECT pg_wal_lsn_diff(confirmed_flush_lsn, ?::pg_lsn) >= 0"
                    + " FROM pg_replication_slots WHERE slot_name = ?")) {
      statement.setString(1, lsn);
      statement.setString(
          2, String.valueOf(CdcReaders.postgresStatus(config(), connectionName).get("slot_name")));
      try (var result = statement.executeQuery()) {
        return result.next() && result.getBoolean(1);
      }
    }
  }

  private boolean slotPassedQuietly(String lsn) {
    try {
      return slotPassed(lsn);
    } catch (SQLException e) {
      throw new AssertionError("Cannot read the replication slot: " + e.getMessage(), e);
    }
  }
}

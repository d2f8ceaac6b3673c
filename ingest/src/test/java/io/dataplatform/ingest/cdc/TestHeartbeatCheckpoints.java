package io.dataplatform.ingest.cdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.connector.ConnectorConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestHeartbeatCheckpoints {
  private static CdcSettings settings(String type, Map<String, Object> extra) {
    Map<String, Object> values = new java.util.HashMap<>(extra);
    values.putAll(Map.of("host", "db", "database", "shop", "user", "reader"));
    return CdcSettings.from(new ConnectorConfig(type, values), 1);
  }

  @Test
  void heartbeatsAreOnByDefaultAndCanBeTurnedOff() {
    assertEquals(5, settings("postgres", Map.of()).heartbeatSeconds());
    assertEquals(0, settings("postgres", Map.of("cdc_heartbeat_seconds", 0)).heartbeatSeconds());
  }

  @Test
  void aPostgresHeartbeatIsCheckpointedOnceTheWalMovedASegment() {
    PostgresCdc postgres = new PostgresCdc(settings("postgres", Map.of()), "shop");
    long segment = PostgresCdc.HEARTBEAT_WAL_BYTES;
    Map<String, Object> checkpointed = Map.of("lsn", 5_000_000L, "lsn_commit", 5_000_000L);
    assertFalse(postgres.heartbeatWorthCheckpoint(checkpointed, Map.of("lsn", 5_000_064L)));
    assertFalse(
        postgres.heartbeatWorthCheckpoint(checkpointed, Map.of("lsn", 5_000_000L + segment - 1)));
    assertTrue(
        postgres.heartbeatWorthCheckpoint(checkpointed, Map.of("lsn", 5_000_000L + segment)));
    // a state read back from JSON may hold an integer; a first read has no offset yet
    assertTrue(postgres.heartbeatWorthCheckpoint(Map.of(), Map.of("lsn", segment * 3)));
    assertFalse(
        postgres.heartbeatWorthCheckpoint(Map.of("lsn", 1000), Map.of("lsn", 1000L + segment / 2)));
    // never backwards
    assertFalse(postgres.heartbeatWorthCheckpoint(checkpointed, Map.of("lsn", 4_000_000L)));
  }

  @Test
  void aMariaDbHeartbeatIsCheckpointedOnceTheServerMovedToAnotherBinlogFile() {
    MariaDbCdc mariadb = new MariaDbCdc(settings("mariadb", Map.of()), "shop");
    Map<String, Object> checkpointed = Map.of("file", "mariadb-bin.000007", "pos", 4000L);
    assertFalse(
        mariadb.heartbeatWorthCheckpoint(
            checkpointed, Map.of("file", "mariadb-bin.000007", "pos", 900_000_000L)));
    assertTrue(
        mariadb.heartbeatWorthCheckpoint(
            checkpointed, Map.of("file", "mariadb-bin.000008", "pos", 4L)));
    assertFalse(mariadb.heartbeatWorthCheckpoint(checkpointed, Map.of("pos", 4L)));
  }
}

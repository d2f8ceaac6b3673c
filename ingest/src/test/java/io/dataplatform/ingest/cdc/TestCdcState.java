package io.dataplatform.ingest.cdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceStream;
import io.dataplatform.api.connector.StreamState;
import io.dataplatform.api.connector.SyncMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestCdcState {
  private static CdcState state(String position, long lsn) {
    return new CdcState(
        Map.of("server", "dp_shop"), Map.of("lsn", lsn), position, false, List.of("{\"ddl\":1}"));
  }

  private static ConfiguredStream stream(String name, StreamState state) {
    SourceStream source =
        new SourceStream(
            name,
            List.of(SourceColumn.nullable("id", DataType.INT, "int4")),
            List.of("id"),
            List.of(),
            Optional.empty(),
            Set.of(SyncMode.CDC));
    return new ConfiguredStream(source, SyncMode.CDC, Optional.empty(), List.of("id"), state);
  }

  @Test
  void aStateSurvivesTheStreamStateMap() {
    CdcState original = state("0001", 42);
    CdcState read = CdcState.of(original.toStreamState(), "public.a").orElseThrow();
    assertEquals("dp_shop", read.partition().get("server"));
    assertEquals(42, ((Number) read.offset().get("lsn")).intValue());
    assertEquals("0001", read.position());
    assertEquals(List.of("{\"ddl\":1}"), read.schemaHistory());
    assertFalse(read.snapshot());
    assertTrue(CdcState.of(StreamState.EMPTY, "public.a").isEmpty());
  }

  @Test
  void theEarliestStateIsWhereAReadResumes() {
    List<ConfiguredStream> streams =
        List.of(
            stream("public.a", state("0005", 5).toStreamState()),
            stream("public.b", state("0003", 3).toStreamState()));
    assertEquals("0003", CdcState.resumePoint(streams, "postgres").orElseThrow().position());
    assertTrue(state("0003", 3).covers("0003"));
    assertFalse(state("0003", 3).covers("0004"));
  }

  @Test
  void aNewStreamBesideResumedOnesIsRefused() {
    List<ConfiguredStream> streams =
        List.of(
            stream("public.a", state("0005", 5).toStreamState()),
            stream("public.b", StreamState.EMPTY));
    DpException error =
        assertThrows(DpException.class, () -> CdcState.resumePoint(streams, "postgres"));
    assertEquals(
        "Cannot add streams to a running postgres change data capture: reset the connection's"
            + " CDC streams to snapshot them together (dp sync <connection> --reset-stream"
            + " <stream>; public.b)",
        error.getMessage());
  }

  @Test
  void anOffsetOfAnUnfinishedInitialSnapshotMakesTheSnapshotStartOver() {
    // PostgreSQL: snapshot rows, the last snapshot row, a streamed change
    Map<String, Object> row =
        Map.of("lsn", 42, "snapshot", "INITIAL", "last_snapshot_record", false);
    Map<String, Object> lastRow =
        Map.of(
            "lsn",
            42,
            "snapshot",
            "INITIAL",
            "last_snapshot_record",
            true,
            "snapshot_completed",
            true);
    Map<String, Object> streamed = Map.of("lsn", 50, "lsn_commit", 50);
    assertTrue(CdcState.snapshotRunning(row));
    assertFalse(CdcState.snapshotRunning(lastRow));
    assertFalse(CdcState.snapshotRunning(streamed));
    // binlog offsets: the snapshot key alone, also as the boolean of older offsets
    assertTrue(CdcState.snapshotRunning(Map.of("file", "bin.000002", "pos", 4, "snapshot", true)));
    assertFalse(CdcState.snapshotRunning(Map.of("file", "bin.000002", "pos", 4)));
    assertFalse(CdcState.snapshotRunning(Map.of("pos", 4, "snapshot", "INCREMENTAL")));

    StreamState during = offsetState(row, "snapshot");
    StreamState streaming = offsetState(streamed, "streaming");
    // a state that called the last snapshot row's state a snapshot state: the offset decides
    StreamState completed = offsetState(lastRow, "snapshot");
    assertTrue(CdcState.of(during, "public.a").orElseThrow().snapshot());
    assertFalse(CdcState.of(completed, "public.a").orElseThrow().snapshot());
    assertTrue(
        CdcState.snapshotStartsOver(
            List.of(stream("public.a", streaming), stream("public.b", during))));
    assertFalse(
        CdcState.snapshotStartsOver(
            List.of(stream("public.a", streaming), stream("public.b", completed))));
    assertFalse(CdcState.snapshotStartsOver(List.of(stream("public.a", StreamState.EMPTY))));
  }

  private static StreamState offsetState(Map<String, Object> offset, String phase) {
    return new StreamState(
        Map.of(
            CdcState.PARTITION,
            "{\"server\":\"dp_shop\"}",
            CdcState.OFFSET,
            CdcState.write(offset),
            CdcState.POSITION,
            "0001",
            CdcState.PHASE,
            phase));
  }
}

package io.dataplatform.ingest.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.ingest.sync.StreamReport;
import io.dataplatform.ingest.sync.SyncReport;
import io.dataplatform.ingest.sync.SyncStatus;
import io.dataplatform.metastore.Metastore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The ingestion repositories, run against every metastore database. */
public abstract class IngestRepositoriesContract {
  protected abstract Metastore metastore();

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  @Test
  void connectionsAreCreatedReplacedListedAndDeleted() {
    ConnectionRepository connections = new ConnectionRepository(metastore().dataSource());
    String name = unique("shop");
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    assertTrue(connections.save(name, "postgres", "{\"a\":1}", now));
    assertFalse(connections.save(name, "postgres", "{\"a\":2}", now.plusSeconds(1)));
    ConnectionRepository.Stored stored = connections.find(name).orElseThrow();
    assertEquals("{\"a\":2}", stored.definition());
    assertEquals(now, stored.createdAt());
    assertEquals(now.plusSeconds(1), stored.updatedAt());
    assertTrue(connections.list().stream().anyMatch(c -> c.name().equals(name)));
    assertTrue(connections.delete(name));
    assertEquals(Optional.empty(), connections.find(name));
    assertFalse(connections.delete(name));
  }

  @Test
  void syncsKeepStatusStreamsAndLog() {
    SyncRepository syncs = new SyncRepository(metastore().dataSource());
    String connection = unique("shop");
    Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    syncs.started("s1-" + connection, connection, start);
    syncs.started("s2-" + connection, connection, start.plusSeconds(5));
    StreamReport stream =
        new StreamReport(
            "public.orders", "raw.orders", SyncStatus.SUCCEEDED, 10, 9, 4096, 2, Optional.empty());
    syncs.finished(
        new SyncReport(
            connection,
            "s1-" + connection,
            SyncStatus.SUCCEEDED,
            start,
            Optional.of(start.plusSeconds(2)),
            List.of(stream),
            Optional.empty(),
            List.of("first line", "second line")));
    SyncReport found = syncs.find("s1-" + connection).orElseThrow();
    assertEquals(SyncStatus.SUCCEEDED, found.status());
    assertEquals(List.of(stream), found.streams());
    assertEquals(List.of("first line", "second line"), found.log());
    assertEquals(Optional.of(start.plusSeconds(2)), found.endedAt());
    List<SyncSummary> listed = syncs.list(connection, 10);
    assertEquals(
        List.of("s2-" + connection, "s1-" + connection),
        listed.stream().map(SyncSummary::syncId).toList());
    assertEquals(9, listed.get(1).recordsCommitted());
    assertEquals(4096, listed.get(1).bytesCommitted());
    assertTrue(syncs.failRunning(Instant.now()) >= 1);
    SyncReport interrupted = syncs.find("s2-" + connection).orElseThrow();
    assertEquals(SyncStatus.FAILED, interrupted.status());
    assertEquals(
        Optional.of(
            "The server stopped during the sync; the next sync resumes from the last commit"),
        interrupted.error());
    syncs.deleteConnection(connection);
    assertEquals(List.of(), syncs.list(connection, 10));
    assertEquals(Optional.empty(), syncs.find("s1-" + connection));
  }
}

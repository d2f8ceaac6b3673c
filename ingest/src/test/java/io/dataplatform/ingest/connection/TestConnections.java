package io.dataplatform.ingest.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.Cancellation;
import io.dataplatform.api.DpException;
import io.dataplatform.api.connector.Connector;
import io.dataplatform.api.connector.ConnectorContext;
import io.dataplatform.api.connector.SyncMode;
import io.dataplatform.ingest.source.ConnectorRegistry;
import io.dataplatform.ingest.sync.FakeConnectors;
import io.dataplatform.ingest.sync.LakeFixture;
import io.dataplatform.ingest.sync.SyncEngine;
import io.dataplatform.ingest.sync.SyncReport;
import io.dataplatform.ingest.sync.SyncSettings;
import io.dataplatform.ingest.sync.SyncStatus;
import io.dataplatform.metastore.Jdbc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestConnections {
  private static final byte[] KEY =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final Map<String, String> ENVIRONMENT =
      Map.of("SHOP_HOST", "db1", "SHOP_TOKEN", "t0ps3cret");

  @TempDir Path directory;
  LakeFixture lake;
  ConnectionService connections;
  SyncService syncs;
  Connector source;

  @BeforeEach
  void open() {
    lake = new LakeFixture(directory);
    source = FakeConnectors.withItems(12);
    ConnectorRegistry registry = ConnectorRegistry.of(List.of(source));
    connections =
        new ConnectionService(
            registry,
            new ConnectionRepository(lake.metastore.dataSource()),
            new SecretBox(KEY),
            ConnectorContext.NONE,
            Clock.systemUTC());
    SyncEngine engine =
        new SyncEngine(
            registry,
            lake.lakehouse.loads(),
            new SyncSettings(
                Duration.ZERO,
                5,
                Duration.ofMillis(200),
                Duration.ofMinutes(1),
                directory.resolve("work")),
            Clock.systemUTC());
    syncs =
        new SyncService(
            connections,
            new SyncRepository(lake.metastore.dataSource()),
            engine,
            Clock.systemUTC());
  }

  @AfterEach
  void close() {
    syncs.close();
    lake.close();
  }

  private static String file() throws IOException {
    try (var in = TestConnections.class.getResourceAsStream("/connections/fake.yml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static ConnectionDefinition parse(String yaml) {
    return ConnectionFiles.parse(yaml, name -> Optional.ofNullable(ENVIRONMENT.get(name)));
  }

  @Test
  void parsesTheFileWithEnvironmentReferences() throws IOException {
    ConnectionDefinition connection = parse(file());
    assertEquals("fake-shop", connection.name());
    assertEquals("fake", connection.sourceType());
    assertEquals(Map.of("label", "shop at db1", "token", "t0ps3cret"), connection.source());
    assertEquals("raw", connection.namespace());
    assertEquals(SyncMode.INCREMENTAL_APPEND, connection.streams().get(0).mode());
    assertEquals(Optional.of("version"), connection.streams().get(0).cursor());
    assertEquals(List.of("id"), connection.streams().get(1).primaryKey());
    assertEquals(Optional.of("*/15 * * * *"), connection.schedule());
    assertEquals(
        connection,
        ConnectionFiles.fromJson(ConnectionFiles.toJson(ConnectionFiles.toTree(connection))));
  }

  @Test
  void fileErrorsSayWhatIsWrong() throws IOException {
    DpException missing =
        assertThrows(
            DpException.class, () -> ConnectionFiles.parse(file(), name -> Optional.empty()));
    assertEquals(
        "Cannot read connection file: the environment variable SHOP_HOST is not set (source.label)",
        missing.getMessage());
    DpException unknownKey = assertThrows(DpException.class, () -> parse(file() + "owner: me\n"));
    assertEquals(
        "Cannot read connection file: unknown key 'owner'; the keys are destination, name, schedule,"
            + " source, streams",
        unknownKey.getMessage());
    DpException mode =
        assertThrows(DpException.class, () -> parse(file().replace("mode: cdc", "mode: mirror")));
    assertEquals(
        "Cannot read connection file: 'streams[1].mode': Cannot read sync mode: unknown mode"
            + " (mirror); expected one of full_refresh_overwrite, full_refresh_append,"
            + " incremental_append, incremental_dedup, cdc",
        mode.getMessage());
  }

  @Test
  void secretsAreSealedAtRestAndHiddenWhenShown() throws IOException {
    assertEquals(ConnectionService.Applied.CREATED, connections.apply(parse(file())));
    String stored =
        new Jdbc(lake.metastore.dataSource())
            .queryOne(
                "SELECT definition FROM dp_connection WHERE name = ?",
                row -> row.getString(1),
                "fake-shop")
            .orElseThrow();
    assertFalse(stored.contains("t0ps3cret"), stored);
    assertTrue(stored.contains("dpsecret:v1:"), stored);
    assertEquals("********", connections.show("fake-shop").source().get("token"));
    assertEquals("t0ps3cret", connections.resolve("fake-shop").source().get("token"));
    // a shown connection applied again keeps its secret
    assertEquals(
        ConnectionService.Applied.UPDATED, connections.apply(connections.show("fake-shop")));
    assertEquals("t0ps3cret", connections.resolve("fake-shop").source().get("token"));
    DpException otherConnection =
        assertThrows(
            DpException.class,
            () -> new SecretBox(KEY).open("other", new SecretBox(KEY).seal("fake-shop", "x")));
    assertEquals(
        "Cannot decrypt secret of connection other: it was encrypted with another key or for"
            + " another connection; apply the connection file again",
        otherConnection.getMessage());
  }

  @Test
  void applyChecksStreamsModesAndKeysAgainstTheSource() throws IOException {
    DpException connector =
        assertThrows(
            DpException.class,
            () -> connections.apply(parse(file().replace("type: fake", "type: oracle"))));
    assertEquals(
        "Cannot find connector: no source type 'oracle'; the types are fake",
        connector.getMessage());
    DpException stream =
        assertThrows(
            DpException.class,
            () -> connections.apply(parse(file().replace("name: changes", "name: refunds"))));
    assertEquals(
        "Cannot sync connection fake-shop: the source has no stream 'refunds' (streams: changes,"
            + " items)",
        stream.getMessage());
    DpException cursor =
        assertThrows(
            DpException.class,
            () -> connections.apply(parse(file().replace("    cursor: version\n", ""))));
    assertEquals(
        "Cannot sync stream items of connection fake-shop: mode incremental_append needs a cursor"
            + " column (candidates: version)",
        cursor.getMessage());
    DpException mode =
        assertThrows(
            DpException.class,
            () -> connections.apply(parse(file().replace("mode: cdc", "mode: incremental_dedup"))));
    assertEquals(
        "Cannot sync stream changes of connection fake-shop: the source does not offer mode"
            + " incremental_dedup for it (modes: cdc)",
        mode.getMessage());
    assertEquals(List.of(), connections.list());
  }

  @Test
  void syncsAreRecordedWithStreamsAndLog() throws Exception {
    connections.apply(parse(file()));
    SyncReport report = syncs.run("fake-shop");
    assertEquals(SyncStatus.SUCCEEDED, report.status(), String.valueOf(report.error()));
    assertEquals(List.of("12"), lake.query("SELECT count(*) FROM raw.items"));
    SyncSummary summary = syncs.list("fake-shop", 10).get(0);
    assertEquals(report.syncId(), summary.syncId());
    assertEquals(12, summary.recordsCommitted());
    SyncReport stored = syncs.find(report.syncId());
    assertEquals(SyncStatus.SUCCEEDED, stored.status());
    assertEquals(12, stored.stream("items").orElseThrow().recordsCommitted());
    assertTrue(
        stored.log().stream().anyMatch(line -> line.contains("Committed 5 records to raw.items")),
        String.valueOf(stored.log()));
    var started = syncs.start("fake-shop");
    SyncReport second = syncs.await(started.syncId(), Duration.ofSeconds(30));
    assertEquals(SyncStatus.SUCCEEDED, second.status(), String.valueOf(second.error()));
    assertEquals(List.of("12"), lake.query("SELECT count(*) FROM raw.items"));
    DpException unknown = assertThrows(DpException.class, () -> syncs.find("nope"));
    assertEquals("Cannot find sync: there is none with id nope", unknown.getMessage());
    syncs.deleteConnection("fake-shop");
    DpException gone = assertThrows(DpException.class, () -> connections.show("fake-shop"));
    assertEquals("Cannot find connection: there is none named 'fake-shop'", gone.getMessage());
  }

  @Test
  void aSyncRunForACallerStopsWhenItsCancellationIsCanceled() throws Exception {
    connections.apply(parse(file()));
    Cancellation canceledFirst = new Cancellation();
    canceledFirst.cancel("the run was canceled");
    DpException refused =
        assertThrows(DpException.class, () -> syncs.run("fake-shop", canceledFirst));
    assertEquals(
        "Cannot sync connection fake-shop: it was canceled (the run was canceled)",
        refused.getMessage());
    assertEquals(List.of(), syncs.list("fake-shop", 10));

    FakeConnectors.trickle(source, true);
    Cancellation cancellation = new Cancellation();
    CompletableFuture<SyncReport> running =
        CompletableFuture.supplyAsync(() -> syncs.run("fake-shop", cancellation));
    // the change stream never ends: wait for a commit, then cancel
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!hasCommitted(syncs.list("fake-shop", 1)) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    cancellation.cancel("the run was canceled");
    SyncReport report = running.get(30, TimeUnit.SECONDS);
    assertEquals(SyncStatus.CANCELLED, report.status(), String.valueOf(report.error()));
    assertEquals(Optional.empty(), syncs.runningSync("fake-shop"));
  }

  private static boolean hasCommitted(List<SyncSummary> latest) {
    return !latest.isEmpty() && latest.get(0).recordsCommitted() > 0;
  }
}

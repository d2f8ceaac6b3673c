package io.dataplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataplatform.ingest.testing.PostgresTestDatabases;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the server during syncs from PostgreSQL, at several points: while a full
 * refresh is reading, right after commits of an incremental sync, and during the snapshot of a CDC
 * sync. After each restart the tables hold no duplicated rows; the rerun completes them without
 * loss, and a CDC rerun that takes the snapshot again replaces what the killed snapshot committed.
 */
class IngestCrashIT {
  private static final int ROWS = 600_000;
  private final String database =
      "dp_crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @TempDir Path directory;

  @BeforeEach
  void createSource() throws Exception {
    PostgresTestDatabases.create(database);
    try (Connection source = PostgresTestDatabases.connect(database);
        Statement statement = source.createStatement()) {
      statement.execute("CREATE SCHEMA shop");
      statement.execute("CREATE TABLE shop.events (id bigint PRIMARY KEY, payload text)");
      statement.execute(
          "INSERT INTO shop.events SELECT i, repeat(md5(i::text), 4) FROM generate_series(1, "
              + ROWS
              + ") i");
    }
  }

  @AfterEach
  void dropSource() throws Exception {
    PostgresTestDatabases.drop(database);
  }

  @Test
  void killedChangeDataCaptureResumesWithoutLossOrDuplicates() throws Exception {
    Path data = directory.resolve("data");
    Map<String, String> environment =
        Map.of("DP_INGEST_COMMIT_INTERVAL", "200ms", "DP_INGEST_BATCH_ROWS", "20000");
    String connection = "cdc-" + database.substring(database.length() - 8);
    try (DpProcess dp = DpProcess.start(data, "up", environment)) {
      apply(dp, connection, "cdc", "events_cdc");
      // killed after the first commits of the initial snapshot
      String sync = startSync(dp, connection);
      awaitStream(dp, sync, stream -> stream.path("commits").asInt() >= 1);
      dp.kill();
    }
    try (DpProcess dp = DpProcess.start(data, "up", environment)) {
      List<Long> counts = counts(dp, "events_cdc");
      assertEquals(counts.get(0), counts.get(1), "no duplicated keys after the kill");
      assertTrue(counts.get(0) < ROWS, "the kill came during the snapshot: " + counts);
      assertEquals(10, count(dp, "events_cdc", "id BETWEEN 11 AND 20"), "committed before");
      // changed before the rerun, which takes the snapshot again from the start
      try (Connection source = PostgresTestDatabases.connect(database);
          Statement statement = source.createStatement()) {
        statement.execute("UPDATE shop.events SET payload = 'changed' WHERE id <= 10");
        statement.execute("DELETE FROM shop.events WHERE id BETWEEN 11 AND 20");
        statement.execute(
            "INSERT INTO shop.events SELECT i, 'new' FROM generate_series("
                + (ROWS + 1)
                + ", "
                + (ROWS + 5)
                + ") i");
      }
      assertEquals("SUCCEEDED", runSync(dp, connection));
      long expected = ROWS - 10 + 5;
      assertEquals(List.of(expected, expected), counts(dp, "events_cdc"));
      assertEquals(10, count(dp, "events_cdc", "payload = 'changed'"));
      assertEquals(0, count(dp, "events_cdc", "id BETWEEN 11 AND 20"));
      assertEquals(5, count(dp, "events_cdc", "payload = 'new'"));
      // the change log goes on from the new snapshot
      try (Connection source = PostgresTestDatabases.connect(database);
          Statement statement = source.createStatement()) {
        statement.execute("DELETE FROM shop.events WHERE id BETWEEN 21 AND 25");
        statement.execute(
            "INSERT INTO shop.events SELECT i, 'streamed' FROM generate_series("
                + (ROWS + 6)
                + ", "
                + (ROWS + 8)
                + ") i");
      }
      assertEquals("SUCCEEDED", runSync(dp, connection));
      assertEquals(List.of(expected - 2, expected - 2), counts(dp, "events_cdc"));
      assertEquals(0, count(dp, "events_cdc", "id BETWEEN 21 AND 25"));
      assertEquals(3, count(dp, "events_cdc", "payload = 'streamed' AND _dp_op = 'c'"));
      // the connection shows its replication slot and how much WAL the slot holds
      HttpResponse<String> shown =
          dp.http("GET", "/api/v1/connections/" + connection, null, AdminClients.ADMIN_BASIC);
      assertEquals(200, shown.statusCode(), shown.body());
      JsonNode slot = AdminClients.JSON.readTree(shown.body()).path("sourceStatus");
      assertTrue(slot.path("slot_exists").asBoolean(), shown.body());
      assertTrue(slot.path("lag_bytes").isIntegralNumber(), shown.body());
      HttpResponse<String> deleted =
          dp.http("DELETE", "/api/v1/connections/" + connection, null, AdminClients.ADMIN_BASIC);
      assertEquals(204, deleted.statusCode(), deleted.body());
    }
  }

  @Test
  void killedSyncsResumeWithoutLossOrDuplicates() throws Exception {
    Path data = directory.resolve("data");
    Map<String, String> environment =
        Map.of("DP_INGEST_COMMIT_INTERVAL", "200ms", "DP_INGEST_BATCH_ROWS", "20000");
    try (DpProcess dp = DpProcess.start(data, "up", environment)) {
      apply(dp, "full", "full_refresh_overwrite", "events_full");
      apply(dp, "incremental", "incremental_append", "events_incremental");
      // a full refresh killed while it reads commits nothing
      String sync = startSync(dp, "full");
      awaitStream(dp, sync, stream -> stream.path("recordsRead").asLong() > 0);
      dp.kill();
    }
    try (DpProcess dp = DpProcess.start(data, "up", environment)) {
      assertEquals("FAILED", lastSync(dp, "full").path("status").asText());
      assertEquals(List.of(0L, 0L), counts(dp, "events_full"));
      // an incremental sync killed right after its first commit keeps that commit only
      String sync = startSync(dp, "incremental");
      awaitStream(dp, sync, stream -> stream.path("commits").asInt() >= 1);
      dp.kill();
    }
    long afterFirstKill;
    try (DpProcess dp = DpProcess.start(data, "up", environment)) {
      List<Long> counts = counts(dp, "events_incremental");
      afterFirstKill = counts.get(0);
      assertEquals(counts.get(0), counts.get(1), "no duplicated ids after the first kill");
      assertTrue(afterFirstKill < ROWS, "the kill came before the end: " + afterFirstKill);
      // killed again after a few more commits of the resumed sync
      String sync = startSync(dp, "incremental");
      awaitStream(dp, sync, stream -> stream.path("commits").asInt() >= 3);
      dp.kill();
    }
    try (DpProcess dp = DpProcess.start(data, "up", environment)) {
      List<Long> counts = counts(dp, "events_incremental");
      assertEquals(counts.get(0), counts.get(1), "no duplicated ids after the second kill");
      assertTrue(counts.get(0) >= afterFirstKill, "committed rows stay: " + counts);
      assertEquals("SUCCEEDED", runSync(dp, "incremental"));
      assertEquals("SUCCEEDED", runSync(dp, "full"));
      assertEquals(List.of((long) ROWS, (long) ROWS), counts(dp, "events_incremental"));
      assertEquals(List.of((long) ROWS, (long) ROWS), counts(dp, "events_full"));

      // rows deleted at the source stay in an incremental table until the stream is reset
      try (Connection source = PostgresTestDatabases.connect(database);
          Statement statement = source.createStatement()) {
        statement.execute("DELETE FROM shop.events WHERE id <= 10");
      }
      HttpResponse<String> unknown =
          dp.http(
              "POST",
              "/api/v1/connections/incremental/syncs",
              "{\"reset\": [\"shop.nothing\"]}",
              AdminClients.ADMIN_BASIC);
      assertEquals(400, unknown.statusCode(), unknown.body());
      assertTrue(unknown.body().contains("the connection has no such stream"), unknown.body());
      String reset = startSync(dp, "incremental", "{\"reset\": [\"shop.events\"]}");
      assertEquals("SUCCEEDED", awaitEnd(dp, reset));
      assertEquals(List.of((long) ROWS - 10, (long) ROWS - 10), counts(dp, "events_incremental"));
    }
  }

  private void apply(DpProcess dp, String name, String mode, String table) throws Exception {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("type", "postgres");
    source.put("host", "127.0.0.1");
    source.put("port", 5432);
    source.put("database", database);
    source.put("user", "dp");
    source.put("password", "dp");
    source.put("schemas", List.of("shop"));
    source.put("ssl_mode", "disable");
    source.put("staged_file_mb", 4);
    Map<String, Object> stream = new LinkedHashMap<>();
    stream.put("name", "shop.events");
    stream.put("mode", mode);
    stream.put("table", table);
    if (mode.equals("cdc")) {
      stream.put("primary_key", List.of("id"));
    }
    if (mode.startsWith("incremental")) {
      stream.put("cursor", "id");
    }
    Map<String, Object> connection =
        Map.of(
            "name",
            name,
            "source",
            source,
            "destination",
            Map.of("namespace", "raw"),
            "streams",
            List.of(stream));
    HttpResponse<String> response =
        dp.http(
            "POST",
            "/api/v1/connections",
            AdminClients.JSON.writeValueAsString(connection),
            AdminClients.ADMIN_BASIC);
    assertEquals(201, response.statusCode(), response.body());
    assertEquals(
        "********",
        AdminClients.JSON.readTree(response.body()).path("source").path("password").asText(),
        "the password is not returned");
  }

  private static String startSync(DpProcess dp, String connection) throws Exception {
    return startSync(dp, connection, "{}");
  }

  private static String startSync(DpProcess dp, String connection, String body) throws Exception {
    HttpResponse<String> response =
        dp.http(
            "POST", "/api/v1/connections/" + connection + "/syncs", body, AdminClients.ADMIN_BASIC);
    assertEquals(202, response.statusCode(), response.body());
    return AdminClients.JSON.readTree(response.body()).path("syncId").asText();
  }

  private static JsonNode sync(DpProcess dp, String id) throws Exception {
    HttpResponse<String> response =
        dp.http("GET", "/api/v1/syncs/" + id, null, AdminClients.ADMIN_BASIC);
    assertEquals(200, response.statusCode(), response.body());
    return AdminClients.JSON.readTree(response.body());
  }

  /** Waits until the sync's one stream meets {@code condition} while the sync still runs. */
  private static void awaitStream(DpProcess dp, String id, Predicate<JsonNode> condition)
      throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      JsonNode sync = sync(dp, id);
      assertEquals("RUNNING", sync.path("status").asText(), "still running: " + sync);
      JsonNode streams = sync.path("streams");
      if (streams.size() == 1 && condition.test(streams.get(0))) {
        return;
      }
      Thread.sleep(20);
    }
    fail("sync " + id + " did not reach the kill point in time");
  }

  private static String runSync(DpProcess dp, String connection) throws Exception {
    return awaitEnd(dp, startSync(dp, connection));
  }

  private static String awaitEnd(DpProcess dp, String id) throws Exception {
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (System.nanoTime() < deadline) {
      JsonNode sync = sync(dp, id);
      String status = sync.path("status").asText();
      if (!status.equals("RUNNING") && !status.equals("QUEUED")) {
        assertEquals("SUCCEEDED", status, sync.toString());
        return status;
      }
      Thread.sleep(200);
    }
    fail("sync " + id + " did not end in time");
    return "";
  }

  private static JsonNode lastSync(DpProcess dp, String connection) throws Exception {
    HttpResponse<String> response =
        dp.http(
            "GET", "/api/v1/connections/" + connection + "/syncs", null, AdminClients.ADMIN_BASIC);
    assertEquals(200, response.statusCode(), response.body());
    return AdminClients.JSON.readTree(response.body()).path("syncs").get(0);
  }

  private static long count(DpProcess dp, String table, String condition) throws Exception {
    HttpResponse<String> response =
        dp.http(
            "POST",
            "/api/v1/sql",
            AdminClients.JSON.writeValueAsString(
                Map.of("sql", "select count(*) from raw." + table + " where " + condition)),
            AdminClients.ADMIN_BASIC);
    assertEquals(200, response.statusCode(), response.body());
    return AdminClients.JSON.readTree(response.body()).path("rows").get(0).get(0).asLong();
  }

  /** Row count and distinct id count of a table, both 0 when it has no rows or does not exist. */
  private static List<Long> counts(DpProcess dp, String table) throws Exception {
    HttpResponse<String> response =
        dp.http(
            "POST",
            "/api/v1/sql",
            AdminClients.JSON.writeValueAsString(
                Map.of("sql", "select count(*), count(distinct id) from raw." + table)),
            AdminClients.ADMIN_BASIC);
    if (response.statusCode() == 404 || response.body().contains("does not exist")) {
      return List.of(0L, 0L);
    }
    assertEquals(200, response.statusCode(), response.body());
    JsonNode row = AdminClients.JSON.readTree(response.body()).path("rows").get(0);
    return List.of(row.get(0).asLong(), row.get(1).asLong());
  }
}

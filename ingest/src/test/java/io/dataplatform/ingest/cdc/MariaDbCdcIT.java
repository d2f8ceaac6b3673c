package io.dataplatform.ingest.cdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.dataplatform.api.connector.SourceReader;
import io.dataplatform.api.connector.SourceStream;
import io.dataplatform.api.connector.StreamState;
import io.dataplatform.api.connector.SyncMode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MariaDB change data capture against the real server of {@code .ci/mariadb-start}. */
class MariaDbCdcIT {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path work;
  String database;
  String connectionName;

  @BeforeEach
  void createDatabase() throws SQLException {
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    database = "dp_cdc_" + suffix;
    connectionName = "cdc-test-" + suffix;
    try (Connection connection = connect("dp_test");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    }
    sql(
        "CREATE TABLE items (id int PRIMARY KEY, name varchar(40), price decimal(10,2),"
            + " updated datetime(3))",
        "INSERT INTO items VALUES (1, 'one', 1.50, '2024-01-01 10:00:00.123'),"
            + " (2, 'two', 2.00, NULL), (3, 'three', 3.25, '2024-03-01 00:00:00')");
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    try (Connection connection = connect("dp_test");
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + database);
    }
  }

  @Test
  void snapshotThenInsertsUpdatesAndDeletesAreFollowed() throws Exception {
    try (SourceReader reader = CdcReaders.mariadb(config(), request(StreamState.EMPTY))) {
      CdcDrain drain =
          new CdcDrain().until(reader, seen -> seen.count(ChangeOperation.READ) == 3, TIMEOUT);
      CdcDrain.Seen first =
          drain.records.stream().filter(seen -> seen.value("id").equals(1)).findFirst().get();
      assertEquals(new BigDecimal("1.50"), first.value("price"));
      assertEquals(LocalDateTime.parse("2024-01-01T10:00:00.123"), first.value("updated"));

      sql(
          "INSERT INTO items VALUES (4, 'four', 4.00, now())",
          "UPDATE items SET name = 'TWO', price = 20.10 WHERE id = 2",
          "DELETE FROM items WHERE id = 3");
      drain.until(reader, seen -> seen.records.size() == 6, TIMEOUT);
      List<CdcDrain.Seen> changes = drain.records.subList(3, 6);
      assertEquals(ChangeOperation.INSERT, changes.get(0).record().operation());
      assertEquals(ChangeOperation.UPDATE, changes.get(1).record().operation());
      assertEquals("TWO", changes.get(1).value("name"));
      assertEquals(new BigDecimal("20.10"), changes.get(1).value("price"));
      assertEquals(ChangeOperation.DELETE, changes.get(2).record().operation());
      assertEquals(3, changes.get(2).value("id"));
      PostgresCdcIT.assertPositionsIncrease(drain.records);
    }
  }

  @Test
  void restartFromACheckpointResumesWithoutSnapshotOrRepeats() throws Exception {
    StreamState committed;
    try (SourceReader reader = CdcReaders.mariadb(config(), request(StreamState.EMPTY))) {
      CdcDrain drain =
          new CdcDrain().until(reader, seen -> seen.count(ChangeOperation.READ) == 3, TIMEOUT);
      sql("INSERT INTO items VALUES (10, 'ten', 10, NULL)");
      drain.until(reader, seen -> seen.count(ChangeOperation.INSERT) == 1, TIMEOUT);
      committed = drain.untilCheckpointed(reader, TIMEOUT).lastCheckpoint().state();
    }
    sql(
        "ALTER TABLE items ADD COLUMN note varchar(20)",
        "INSERT INTO items VALUES (12, 'twelve', 12, NULL, 'noted')");

    try (SourceReader reader = CdcReaders.mariadb(config(), request(committed))) {
      CdcDrain drain =
          new CdcDrain().until(reader, seen -> seen.count(ChangeOperation.INSERT) == 1, TIMEOUT);
      drain.during(reader, Duration.ofSeconds(3));
      assertEquals(0, drain.count(ChangeOperation.READ), "no snapshot after a committed offset");
      assertEquals(1, drain.records.size(), "only the change after the checkpoint");
      CdcDrain.Seen inserted = drain.records.get(0);
      assertEquals(12, inserted.value("id"));
      assertEquals(List.of("id", "name", "price", "updated", "note"), inserted.columns());
      assertEquals("noted", inserted.value("note"));
    }
  }

  @Test
  void aHeartbeatFollowsTheServerToItsNextBinlogFileWhileTheTablesAreIdle() throws Exception {
    Map<String, Object> values = new java.util.HashMap<>(config().values());
    values.put("cdc_heartbeat_seconds", 1);
    ConnectorConfig config = new ConnectorConfig("mariadb", values);
    try (SourceReader reader = CdcReaders.mariadb(config, request(StreamState.EMPTY))) {
      CdcDrain drain =
          new CdcDrain().until(reader, seen -> seen.count(ChangeOperation.READ) == 3, TIMEOUT);
      drain.untilCheckpointed(reader, TIMEOUT);
      Object before =
          CdcState.of(drain.lastCheckpoint().state(), stream().name())
              .orElseThrow()
              .offset()
              .get("file");
      // the binlog reader checks its heartbeat at each event it receives: the rotation is one,
      // once the interval has passed since the last check
      drain.during(reader, Duration.ofMillis(1500));
      String next;
      try (Connection connection = connect(database);
          Statement statement = connection.createStatement()) {
        statement.execute("FLUSH BINARY LOGS");
        try (var result = statement.executeQuery("SHOW MASTER STATUS")) {
          result.next();
          next = result.getString(1);
        }
      }
      assertTrue(!next.equals(before), before + " -> " + next);
      int checkpoints = drain.checkpoints.size();
      drain.until(
          reader,
          seen ->
              seen.checkpoints.size() > checkpoints
                  && next.equals(
                      CdcState.of(seen.lastCheckpoint().state(), stream().name())
                          .orElseThrow()
                          .offset()
                          .get("file")),
          TIMEOUT);
      assertEquals(3, drain.records.size(), "no records, only the heartbeat's checkpoint");
    }
  }

  @Test
  void statusShowsTheBinlogPositionAndLag() throws Exception {
    StreamState committed;
    try (SourceReader reader = CdcReaders.mariadb(config(), request(StreamState.EMPTY))) {
      CdcDrain drain =
          new CdcDrain().until(reader, seen -> seen.count(ChangeOperation.READ) == 3, TIMEOUT);
      committed = drain.untilCheckpointed(reader, TIMEOUT).lastCheckpoint().state();
    }
    sql("INSERT INTO items VALUES (30, 'thirty', 30, NULL)");
    Map<String, Object> status = CdcReaders.mariadbStatus(config(), connectionName, committed);
    assertInstanceOf(String.class, status.get("binlog_file"));
    assertTrue(((Long) status.get("lag_bytes")) > 0, status.toString());
    assertEquals(CdcSettings.derivedServerId(connectionName), status.get("server_id"));
    CdcReaders.releaseMariadb(config(), connectionName);
  }

  @Test
  void aWrongPasswordStopsTheReaderWithTheReason() throws Exception {
    Map<String, Object> values = new java.util.HashMap<>(config().values());
    values.put("password", "wrong-secret");
    try (SourceReader reader =
        CdcReaders.mariadb(new ConnectorConfig("mariadb", values), request(StreamState.EMPTY))) {
      DpException error =
          assertThrows(
              DpException.class, () -> new CdcDrain().until(reader, seen -> false, TIMEOUT));
      assertTrue(
          error.getMessage().startsWith("Cannot read changes from mariadb: "), error.getMessage());
      assertTrue(error.getMessage().contains("Access denied"), error.getMessage());
      assertTrue(error.getMessage().endsWith("(" + connectionName + ")"), error.getMessage());
    }
  }

  ReadRequest request(StreamState state) {
    return new ReadRequest(
        List.of(
            new ConfiguredStream(stream(), SyncMode.CDC, Optional.empty(), List.of("id"), state)),
        connectionName,
        work,
        1000);
  }

  SourceStream stream() {
    return new SourceStream(
        database + ".items",
        List.of(
            new SourceColumn("id", DataType.INT, SourceColumn.Nullability.NOT_NULL, "int"),
            SourceColumn.nullable("name", DataType.STRING, "varchar(40)"),
            SourceColumn.nullable("price", DataType.decimal(10, 2), "decimal(10,2)"),
            SourceColumn.nullable("updated", DataType.TIMESTAMP, "datetime(3)")),
        List.of("id"),
        List.of(),
        Optional.empty(),
        Set.of(SyncMode.CDC));
  }

  ConnectorConfig config() {
    return new ConnectorConfig(
        "mariadb",
        Map.of(
            "host", "127.0.0.1",
            "port", 3306,
            "database", database,
            "user", "dp",
            "password", "dp"));
  }

  void sql(String... statements) throws SQLException {
    try (Connection connection = connect(database);
        Statement statement = connection.createStatement()) {
      for (String text : statements) {
        statement.execute(text);
      }
    }
  }

  static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/" + database, "dp", "dp");
  }
}

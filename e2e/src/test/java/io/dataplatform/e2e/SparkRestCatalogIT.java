package io.dataplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.ingest.testing.PostgresTestDatabases;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark in local mode attached to the platform's Iceberg REST catalog: each side reads what the
 * other wrote, including Spark's merge-on-read position deletes.
 */
class SparkRestCatalogIT {
  private static final ObjectMapper JSON = AdminClients.JSON;
  private static final String BASIC = AdminClients.ADMIN_BASIC;

  @TempDir static Path directory;
  private static DpProcess dp;
  private static SparkSession spark;

  @BeforeAll
  static void start() throws Exception {
    dp = DpProcess.start(directory.resolve("data"), "up", Map.of());
    spark = session("admin:" + DpProcess.PASSWORD, "dp");
  }

  private static SparkSession session(String credential, String catalog) {
    String prefix = "spark.sql.catalog." + catalog;
    return SparkSession.builder()
        .master("local[2]")
        .appName("dp-e2e")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config(
            "spark.sql.extensions",
            "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
        .config(prefix, "org.apache.iceberg.spark.SparkCatalog")
        .config(prefix + ".type", "rest")
        .config(prefix + ".uri", dp.baseUrl() + "/iceberg")
        .config(prefix + ".credential", credential)
        .config(prefix + ".oauth2-server-uri", dp.baseUrl() + "/iceberg/v1/oauth/tokens")
        .config(prefix + ".scope", "catalog")
        // Spark's catalog caches loaded tables; off, so it sees commits made by the platform
        .config(prefix + ".cache-enabled", "false")
        .getOrCreate();
  }

  @AfterAll
  static void stop() throws Exception {
    if (spark != null) {
      spark.stop();
    }
    if (dp != null) {
      dp.close();
    }
  }

  private static JsonNode sql(String statement) throws Exception {
    HttpResponse<String> response =
        dp.http("POST", "/api/v1/sql", JSON.writeValueAsString(Map.of("sql", statement)), BASIC);
    assertEquals(200, response.statusCode(), statement + " -> " + response.body());
    return JSON.readTree(response.body());
  }

  private static List<String> platformRows(String query) throws Exception {
    List<String> rows = new ArrayList<>();
    for (JsonNode row : sql(query).path("rows")) {
      List<String> cells = new ArrayList<>();
      row.forEach(cell -> cells.add(cell.asText()));
      rows.add(String.join(",", cells));
    }
    return rows;
  }

  private static List<String> sparkRows(String query) {
    List<String> rows = new ArrayList<>();
    for (Row row : spark.sql(query).collectAsList()) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        cells.add(String.valueOf(row.get(i)));
      }
      rows.add(String.join(",", cells));
    }
    return rows;
  }

  @Test
  void sparkReadsATableTheSqlEngineWrote() throws Exception {
    sql("create schema from_dp");
    sql("create table from_dp.items (id integer, name varchar)");
    sql("insert into from_dp.items values (1, 'pen'), (2, 'book'), (3, 'bag')");
    sql("update from_dp.items set name = 'notebook' where id = 2");
    sql("delete from from_dp.items where id = 3");
    assertEquals(
        List.of("1,pen", "2,notebook"),
        sparkRows("select id, name from dp.from_dp.items order by id"));
  }

  @Test
  void sqlEngineReadsAndAppendsToATableSparkWrote() throws Exception {
    spark.sql("create namespace if not exists dp.from_spark");
    spark.sql("create table dp.from_spark.events (id int, kind string) using iceberg");
    spark.sql("insert into dp.from_spark.events values (1, 'click'), (2, 'view')");
    assertEquals(
        List.of("1,click", "2,view"),
        platformRows("select id, kind from from_spark.events order by id"));
    sql("insert into from_spark.events values (3, 'buy')");
    assertEquals(
        List.of("1,click", "2,view", "3,buy"),
        sparkRows("select id, kind from dp.from_spark.events order by id"));
  }

  @Test
  void sqlEngineAppliesSparkMergeOnReadDeletes() throws Exception {
    spark.sql("create namespace if not exists dp.mor");
    spark.sql(
        "create table dp.mor.accounts (id int, balance int) using iceberg tblproperties ("
            + "'format-version'='2', 'write.delete.mode'='merge-on-read',"
            + " 'write.update.mode'='merge-on-read', 'write.merge.mode'='merge-on-read')");
    spark.sql("insert into dp.mor.accounts select id, id * 10 from range(1, 11) t(id)");
    spark.sql("delete from dp.mor.accounts where id in (2, 5)");
    spark.sql("update dp.mor.accounts set balance = -1 where id = 7");
    List<String> expected = sparkRows("select id, balance from dp.mor.accounts order by id");
    assertEquals(8, expected.size());
    assertEquals(expected, platformRows("select id, balance from mor.accounts order by id"));
    assertEquals(List.of("8"), platformRows("select count(*) from mor.accounts"));
  }

  @Test
  void sparkReadsUpsertsMergedOnRead() throws Exception {
    String database = "dp_spark_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    PostgresTestDatabases.create(database);
    try (Connection source = PostgresTestDatabases.connect(database);
        Statement statement = source.createStatement()) {
      statement.execute("CREATE SCHEMA shop");
      statement.execute(
          "CREATE TABLE shop.items (id int PRIMARY KEY, name text, version bigint NOT NULL)");
      statement.execute(
          "INSERT INTO shop.items SELECT i, 'n' || i, 1 FROM generate_series(1, 100) i");
      applyDedupConnection(database);
      runSync("spark-dedup");
      // a few keys change in each sync: position deletes, no rewrite
      statement.execute("UPDATE shop.items SET name = 'changed', version = 2 WHERE id IN (3, 4)");
      statement.execute("INSERT INTO shop.items VALUES (101, 'new', 2)");
      runSync("spark-dedup");
      statement.execute("UPDATE shop.items SET name = 'again', version = 3 WHERE id = 4");
      runSync("spark-dedup");
      List<String> changed = List.of("3,changed", "4,again", "5,n5", "101,new");
      String query = "select id, name from %s where id in (3, 4, 5, 101) order by id";
      assertEquals(changed, platformRows(query.formatted("raw.items_dedup")));
      assertEquals(changed, sparkRows(query.formatted("dp.raw.items_dedup")));
      assertEquals(List.of("101"), sparkRows("select count(*) from dp.raw.items_dedup"));
      // Spark reads the delete files themselves: Iceberg's reserved columns, rows it can parse
      List<String> deleteRows =
          sparkRows(
              "select sum(record_count) from dp.raw.items_dedup.delete_files where content = 1");
      assertTrue(Long.parseLong(deleteRows.get(0)) >= 1, "position deletes: " + deleteRows);
      assertEquals(
          deleteRows,
          sparkRows("select count(*) from dp.raw.items_dedup.position_deletes"),
          "every row of the delete files read");
    } finally {
      dp.http("DELETE", "/api/v1/connections/spark-dedup", null, BASIC);
      PostgresTestDatabases.drop(database);
    }
  }

  @Test
  void sparkReadsAFullRefreshOfEveryColumnType() throws Exception {
    String database = "dp_spark_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    PostgresTestDatabases.create(database);
    try (Connection source = PostgresTestDatabases.connect(database);
        Statement statement = source.createStatement()) {
      statement.execute("CREATE SCHEMA shop");
      statement.execute(
          "CREATE TABLE shop.typed (id int PRIMARY KEY, flag boolean, small smallint, big bigint,"
              + " amount numeric(12, 2), price numeric(7, 2), ratio real, score double precision,"
              + " day date, local_at timestamp, happened_at timestamptz, name text,"
              + " code varchar(10), data bytea)");
      // nulls at different rates (name 9999 is one); 70,000 rows span two record batches
      statement.execute(
          "INSERT INTO shop.typed SELECT i, CASE WHEN i % 5 = 0 THEN NULL ELSE i % 2 = 0 END,"
              + " (i % 100)::smallint, i * 1000000007::bigint,"
              + " CASE WHEN i % 7 = 0 THEN NULL ELSE round(i * 1.25, 2) - 1000 END,"
              + " (i % 1000) / 4.0, i / 8.0, CASE WHEN i % 3 = 0 THEN NULL ELSE i * 0.5 END,"
              + " DATE '2024-01-01' + i % 3000, TIMESTAMP '2024-01-01' + i * INTERVAL '1 minute',"
              + " TIMESTAMPTZ '2024-01-01 00:00:00+00' + i * INTERVAL '1 hour',"
              + " CASE WHEN i % 11 = 0 THEN NULL ELSE 'name ' || i END, 'c' || (i % 10),"
              + " CASE WHEN i % 13 = 0 THEN NULL ELSE decode(lpad(to_hex(i), 8, '0'), 'hex') END"
              + " FROM generate_series(1, 70000) i");
      applyConnection(
          "spark-typed", database, Map.of("name", "shop.typed", "mode", "full_refresh_overwrite"));
      runSync("spark-typed");
      spark.conf().set("spark.sql.session.timeZone", "UTC");
      String columns =
          "flag, small, big, amount, price, ratio, score, day, local_at, happened_at, name, code,"
              + " hex(data)";
      assertEquals(
          List.of(
              "7,false,7,7000000049,null,1.75,0.875,3.5,2024-01-08,2024-01-01 00:07:00,"
                  + "2024-01-01 07:00:00,name 7,c7,00000007",
              "35,null,35,35000000245,null,8.75,4.375,17.5,2024-02-05,2024-01-01 00:35:00,"
                  + "2024-01-02 11:00:00,name 35,c5,00000023"),
          sparkRows(
              "select id, "
                  + java.util.Arrays.stream(columns.split(", "))
                      .map(column -> "cast(" + column + " as string)")
                      .collect(java.util.stream.Collectors.joining(", "))
                  + " from dp.raw.typed where id in (7, 35) order by id"));
      String aggregates =
          "count(*), count(flag), count(amount), count(score), count(name), count(data),"
              + " sum(big), sum(amount), sum(price)";
      List<String> expected = new ArrayList<>();
      try (var result = statement.executeQuery("SELECT " + aggregates + " FROM shop.typed")) {
        result.next();
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
          cells.add(result.getString(i));
        }
        expected.add(String.join(",", cells));
      }
      assertEquals(expected, sparkRows("select " + aggregates + " from dp.raw.typed"));
      // filters that the files' statistics prune by
      Map<String, String> filters =
          Map.of(
              "id between 100 and 200", "101",
              "name = 'name 42'", "1",
              "happened_at = timestamp '2024-01-02 11:00:00'", "1",
              "amount = -998.75", "1",
              "flag", "28000");
      filters.forEach(
          (filter, count) ->
              assertEquals(
                  List.of(count),
                  sparkRows("select count(*) from dp.raw.typed where " + filter),
                  filter));
      assertEquals(
          List.of("name 1,name 9998"), sparkRows("select min(name), max(name) from dp.raw.typed"));
    } finally {
      dp.http("DELETE", "/api/v1/connections/spark-typed", null, BASIC);
      PostgresTestDatabases.drop(database);
    }
  }

  private static void applyDedupConnection(String database) throws Exception {
    Map<String, Object> stream = new LinkedHashMap<>();
    stream.put("name", "shop.items");
    stream.put("mode", "incremental_dedup");
    stream.put("table", "items_dedup");
    stream.put("cursor", "version");
    stream.put("primary_key", List.of("id"));
    applyConnection("spark-dedup", database, stream);
  }

  /** A connection to the PostgreSQL database's {@code shop} schema with one stream. */
  private static void applyConnection(String name, String database, Map<String, Object> stream)
      throws Exception {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("type", "postgres");
    source.put("host", "127.0.0.1");
    source.put("port", 5432);
    source.put("database", database);
    source.put("user", "dp");
    source.put("password", "dp");
    source.put("schemas", List.of("shop"));
    source.put("ssl_mode", "disable");
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
        dp.http("POST", "/api/v1/connections", JSON.writeValueAsString(connection), BASIC);
    assertEquals(201, response.statusCode(), response.body());
  }

  private static void runSync(String connection) throws Exception {
    HttpResponse<String> started =
        dp.http("POST", "/api/v1/connections/" + connection + "/syncs", "{}", BASIC);
    assertEquals(202, started.statusCode(), started.body());
    String id = JSON.readTree(started.body()).path("syncId").asText();
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = dp.http("GET", "/api/v1/syncs/" + id, null, BASIC);
      JsonNode sync = JSON.readTree(response.body());
      String status = sync.path("status").asText();
      if (!status.equals("RUNNING") && !status.equals("QUEUED")) {
        assertEquals("SUCCEEDED", status, sync.toString());
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("Sync " + id + " of " + connection + " did not end in 120 s");
  }

  @Test
  void refusesAWrongCredential() {
    SparkSession wrong = spark.newSession();
    wrong.conf().set("spark.sql.catalog.bad", "org.apache.iceberg.spark.SparkCatalog");
    wrong.conf().set("spark.sql.catalog.bad.type", "rest");
    wrong.conf().set("spark.sql.catalog.bad.uri", dp.baseUrl() + "/iceberg");
    wrong.conf().set("spark.sql.catalog.bad.credential", "admin:wrong-password");
    wrong
        .conf()
        .set("spark.sql.catalog.bad.oauth2-server-uri", dp.baseUrl() + "/iceberg/v1/oauth/tokens");
    Exception error =
        assertThrows(Exception.class, () -> wrong.sql("show namespaces in bad").collectAsList());
    String message = String.valueOf(error.getMessage()).toLowerCase();
    org.junit.jupiter.api.Assertions.assertTrue(
        message.contains("unauthorized")
            || message.contains("invalid_client")
            || message.contains("not authorized")
            || message.contains("401"),
        error.toString());
  }
}

package io.dataplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

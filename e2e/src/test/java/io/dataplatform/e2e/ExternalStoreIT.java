package io.dataplatform.e2e;

import static io.dataplatform.e2e.StorageClients.keys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A platform whose lake lives in another S3 store: platform B keeps its Iceberg tables in bucket
 * {@code lake-b} of platform A's object storage, reached through A's S3 API with A's keys, and
 * answers the same after a restart with its local read cache gone.
 */
class ExternalStoreIT {
  private static final String LAKE = "lake-b";
  private static final String B_ACCESS_KEY = "platformbaccess00001";
  private static final String B_SECRET_KEY = "platformbsecret0000000000000000000000001";
  private static final String TOTALS =
      "select region, count(*), sum(amount) from shop.orders group by region order by region";
  private static final String ROWS =
      "select id, region, order_date, amount from shop.orders where region = 'eu' order by id";

  @TempDir Path directory;

  @Test
  void tablesOfPlatformBLiveInPlatformAsStore() throws Exception {
    Path dataB = directory.resolve("data-b");
    try (DpProcess a =
            DpProcess.start(directory.resolve("data-a"), "up", StorageClients.rootKeys());
        S3Client s3OfA = StorageClients.s3(a)) {
      s3OfA.createBucket(request -> request.bucket(LAKE));
      Map<String, String> environmentOfB = environmentOfB(a);
      List<String> totals;
      List<String> rows;
      try (DpProcess b = DpProcess.start(dataB, "up", environmentOfB)) {
        sql(b, "create schema shop");
        sql(
            b,
            "create table shop.orders (id bigint not null, region varchar, order_date date,"
                + " amount decimal(12,2)) partitioned by (region, month(order_date))");
        sql(
            b,
            "insert into shop.orders values (1, 'eu', DATE '2024-05-01', 10.50),"
                + " (2, 'us', DATE '2024-05-03', 20.00), (3, 'eu', DATE '2024-06-11', 5.25),"
                + " (4, 'apac', DATE '2024-06-20', 7.00), (5, 'us', DATE '2024-07-02', 1.10)");
        sql(b, "update shop.orders set amount = amount * 2 where region = 'eu'");
        totals = rows(sql(b, TOTALS));
        assertEquals(List.of("apac,1,7.00", "eu,2,31.50", "us,2,21.10"), totals);
        rows = rows(sql(b, ROWS));
        assertEquals(List.of("1,eu,2024-05-01,21.00", "3,eu,2024-06-11,10.50"), rows);
        assertLakeOnA(s3OfA);
        assertNothingInOwnStore(b);
      }

      Path cache = dataB.resolve("cache");
      assertFalse(StorageClients.files(cache).isEmpty(), "B read its tables through " + cache);
      deleteTree(cache);
      try (DpProcess b = DpProcess.start(dataB, "up", environmentOfB)) {
        assertEquals(totals, rows(sql(b, TOTALS)), "answers with a cold cache");
        assertEquals(rows, rows(sql(b, ROWS)));
        assertFalse(StorageClients.files(cache).isEmpty(), "the files were fetched from A again");
        sql(b, "insert into shop.orders values (6, 'eu', DATE '2024-08-01', 1.00)");
        assertEquals(List.of("apac,1,7.00", "eu,3,32.50", "us,2,21.10"), rows(sql(b, TOTALS)));
        assertNothingInOwnStore(b);
      }
      assertEquals(
          8,
          keys(s3OfA, LAKE).stream().filter(key -> key.endsWith(".parquet")).count(),
          "the insert after the restart wrote its file to A too");
    }
  }

  private static Map<String, String> environmentOfB(DpProcess a) {
    Map<String, String> environment = new HashMap<>();
    environment.put("DP_S3_ACCESS_KEY", B_ACCESS_KEY);
    environment.put("DP_S3_SECRET_KEY", B_SECRET_KEY);
    environment.put("DP_WAREHOUSE", "s3://" + LAKE + "/tables");
    environment.put("DP_WAREHOUSE_S3_ENDPOINT", a.s3Endpoint());
    environment.put("DP_WAREHOUSE_S3_ACCESS_KEY", StorageClients.ACCESS_KEY);
    environment.put("DP_WAREHOUSE_S3_SECRET_KEY", StorageClients.SECRET_KEY);
    environment.put("DP_WAREHOUSE_S3_PATH_STYLE", "true");
    return environment;
  }

  /** Table metadata and partitioned data files of B are objects under lake-b/tables on A. */
  private static void assertLakeOnA(S3Client s3OfA) throws Exception {
    List<String> keys = keys(s3OfA, LAKE);
    assertFalse(keys.isEmpty(), "B wrote into " + LAKE);
    assertTrue(
        keys.stream().allMatch(key -> key.startsWith("tables/shop/orders/")), keys.toString());
    List<String> metadata = keys.stream().filter(key -> key.endsWith(".metadata.json")).toList();
    // created, inserted into, updated: three table versions
    assertTrue(metadata.size() >= 3, keys.toString());
    assertTrue(keys.stream().anyMatch(key -> key.endsWith(".avro")), "manifests: " + keys);
    // one file per partition (region, month): five from the insert, two rewritten by the update
    List<String> data = keys.stream().filter(key -> key.endsWith(".parquet")).toList();
    assertEquals(7, data.size(), data.toString());

    String latest = metadata.stream().max(java.util.Comparator.naturalOrder()).orElseThrow();
    JsonNode table =
        AdminClients.JSON.readTree(
            s3OfA.getObjectAsBytes(request -> request.bucket(LAKE).key(latest)).asByteArray());
    assertEquals("s3://" + LAKE + "/tables/shop/orders", table.path("location").asText());
    List<String> transforms = new ArrayList<>();
    table
        .path("partition-specs")
        .get(0)
        .path("fields")
        .forEach(field -> transforms.add(field.path("transform").asText()));
    assertEquals(
        List.of("identity", "month"), transforms, table.path("partition-specs").toString());
  }

  /** B's own embedded store holds none of the lake: its warehouse bucket stays empty. */
  private static void assertNothingInOwnStore(DpProcess b) {
    try (S3Client s3OfB = StorageClients.s3(b.s3Endpoint(), B_ACCESS_KEY, B_SECRET_KEY)) {
      assertEquals(List.of(), keys(s3OfB, "warehouse"));
      assertTrue(
          s3OfB.listBuckets().buckets().stream().noneMatch(bucket -> bucket.name().equals(LAKE)));
    }
  }

  private static JsonNode sql(DpProcess dp, String statement) throws Exception {
    HttpResponse<String> response =
        dp.http(
            "POST",
            "/api/v1/sql",
            AdminClients.JSON.writeValueAsString(Map.of("sql", statement)),
            AdminClients.ADMIN_BASIC);
    assertEquals(200, response.statusCode(), statement + " -> " + response.body());
    return AdminClients.JSON.readTree(response.body());
  }

  private static List<String> rows(JsonNode answer) {
    List<String> rows = new ArrayList<>();
    for (JsonNode row : answer.path("rows")) {
      List<String> cells = new ArrayList<>();
      row.forEach(
          cell ->
              cells.add(cell.isBigDecimal() ? cell.decimalValue().toPlainString() : cell.asText()));
      rows.add(String.join(",", cells));
    }
    return rows;
  }

  private static void deleteTree(Path root) throws Exception {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}

package io.dataplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.e2e.DpProcess.CommandResult;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The acceptance points of the lakehouse core, tried against a real {@code dp up} process. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LakehouseAcceptanceIT {
  private static final ObjectMapper JSON = AdminClients.JSON;
  private static final String BASIC = AdminClients.ADMIN_BASIC;

  @TempDir static Path directory;
  private static DpProcess dp;

  @BeforeAll
  static void start() throws Exception {
    dp = DpProcess.start(directory.resolve("data"), "up", Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    if (dp != null) {
      dp.close();
    }
  }

  private static CommandResult sql(String statement) throws Exception {
    return DpProcess.run(
        Map.of(),
        "sql",
        "--server",
        dp.baseUrl(),
        "--user",
        "admin",
        "--password",
        DpProcess.PASSWORD,
        "--format",
        "csv",
        statement);
  }

  private static String sqlOk(String statement) throws Exception {
    CommandResult result = sql(statement);
    assertEquals(0, result.exitCode(), statement + "\n" + result.err());
    return result.out().strip();
  }

  @Test
  @Order(1)
  void printsUrlsAndAnswersHealthWithoutCredentials() throws Exception {
    String output = dp.output();
    assertTrue(output.contains("http://127.0.0.1:" + dp.httpPort() + "/"), output);
    assertTrue(output.contains("jdbc:arrow-flight-sql://127.0.0.1:" + dp.flightPort()), output);
    HttpResponse<String> health = dp.http("GET", "/api/v1/health", null, null);
    assertEquals(200, health.statusCode());
    assertEquals("UP", JSON.readTree(health.body()).path("status").asText());
  }

  @Test
  @Order(2)
  void answersSelect42ThroughTheCommandLine() throws Exception {
    CommandResult result =
        DpProcess.run(
            Map.of(),
            "sql",
            "--server",
            dp.baseUrl(),
            "--user",
            "admin",
            "--password",
            "secret",
            "select 42 as answer");
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().contains("answer"), result.out());
    assertTrue(result.out().lines().anyMatch(line -> line.strip().equals("42")), result.out());
  }

  @Test
  @Order(3)
  void createsFillsUpdatesDeletesAltersAndTimeTravels() throws Exception {
    sqlOk("create schema shop");
    sqlOk("create table shop.items (id integer, name varchar, price decimal(10,2))");
    sqlOk("insert into shop.items values (1, 'pen', 1.50), (2, 'book', 12.00), (3, 'bag', 30.00)");
    String firstSnapshot =
        sqlOk("select snapshot_id from shop.\"items$snapshots\" order by committed_at limit 1")
            .lines()
            .skip(1)
            .findFirst()
            .orElseThrow();
    sqlOk("update shop.items set price = price * 2 where id = 2");
    sqlOk("delete from shop.items where id = 3");
    sqlOk("alter table shop.items add column stock integer");
    sqlOk("update shop.items set stock = 5");
    sqlOk("alter table shop.items rename column name to label");

    assertEquals(
        "id,label,price,stock\n1,pen,1.50,5\n2,book,24.00,5",
        sqlOk("select id, label, price, stock from shop.items order by id"));
    assertEquals(
        "id,name,price\n1,pen,1.50\n2,book,12.00\n3,bag,30.00",
        sqlOk(
            "select id, name, price from shop.items for version as of "
                + firstSnapshot
                + " order by id"));
  }

  @Test
  @Order(4)
  void sameRowsThroughFlightSqlJdbcAndRestApi() throws Exception {
    Properties properties = new Properties();
    properties.setProperty("user", "admin");
    properties.setProperty("password", DpProcess.PASSWORD);
    List<String> flightRows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(dp.flightJdbcUrl(), properties);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("select id, label, price from shop.items order by id")) {
      assertEquals(2, rows.getMetaData().getScale(3));
      while (rows.next()) {
        // compared by value: the decimal's scale is checked on the metadata above
        flightRows.add(
            rows.getInt(1)
                + ","
                + rows.getString(2)
                + ","
                + rows.getBigDecimal(3).setScale(2, java.math.RoundingMode.UNNECESSARY));
      }
    }
    assertEquals(List.of("1,pen,1.50", "2,book,24.00"), flightRows);

    HttpResponse<String> response =
        dp.http(
            "POST",
            "/api/v1/sql",
            "{\"sql\": \"select id, label, price from shop.items order by id\"}",
            BASIC);
    assertEquals(200, response.statusCode(), response.body());
    JsonNode answer = JSON.readTree(response.body());
    List<String> restRows = new ArrayList<>();
    for (JsonNode row : answer.path("rows")) {
      restRows.add(
          row.get(0).asInt() + "," + row.get(1).asText() + "," + row.get(2).decimalValue());
    }
    assertEquals(List.of("1,pen,1.50", "2,book,24.00"), restRows);
    assertEquals("INTEGER", answer.path("columns").get(0).path("type").asText());
  }

  @Test
  @Order(5)
  void refusesCallersWithoutValidCredentials() throws Exception {
    HttpResponse<String> anonymous =
        dp.http("POST", "/api/v1/sql", "{\"sql\": \"select 1\"}", null);
    assertEquals(401, anonymous.statusCode());
    HttpResponse<String> wrong =
        dp.http(
            "POST",
            "/api/v1/sql",
            "{\"sql\": \"select 1\"}",
            "Basic " + Base64.getEncoder().encodeToString("admin:nope".getBytes()));
    assertEquals(401, wrong.statusCode());
    assertEquals(
        "Cannot authenticate: credentials are missing or not valid",
        JSON.readTree(wrong.body()).path("error").path("message").asText());

    SQLException flight =
        assertThrows(SQLException.class, () -> flightQuery(new Properties(), "select 1"));
    assertTrue(
        String.valueOf(flight.getMessage()).toLowerCase().contains("unauthenticated")
            || String.valueOf(flight.getMessage()).toLowerCase().contains("auth"),
        flight.getMessage());
    Properties wrongPassword = new Properties();
    wrongPassword.setProperty("user", "admin");
    wrongPassword.setProperty("password", "wrong!");
    assertThrows(SQLException.class, () -> flightQuery(wrongPassword, "select 1"));
  }

  private static void flightQuery(Properties properties, String query) throws SQLException {
    try (Connection connection = DriverManager.getConnection(dp.flightJdbcUrl(), properties);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      rows.next();
    }
  }

  @Test
  @Order(6)
  void refusesSandboxEscapes() throws Exception {
    for (String statement :
        List.of(
            "select * from read_csv('/etc/passwd')",
            "copy (select 1) to '/tmp/dp-e2e-escape.csv'",
            "attach '/tmp/dp-e2e-escape.duckdb' as escape")) {
      CommandResult result = sql(statement);
      assertNotEquals(0, result.exitCode(), statement);
      assertTrue(
          result.err().toLowerCase().contains("permission")
              || result.err().toLowerCase().contains("not allowed"),
          statement + " -> " + result.err());
    }
    assertFalse(java.nio.file.Files.exists(Path.of("/tmp/dp-e2e-escape.csv")));
  }

  @Test
  @Order(7)
  void keepsServingAfterBadSqlFailuresAndDroppedClients() throws Exception {
    HttpResponse<String> malformed =
        dp.http("POST", "/api/v1/sql", "{\"sql\": \"selec 1 frm\"}", BASIC);
    assertEquals(400, malformed.statusCode());
    JsonNode error = JSON.readTree(malformed.body()).path("error");
    assertEquals("SQL_ERROR", error.path("code").asText());
    assertTrue(error.path("message").asText().toLowerCase().contains("syntax"), malformed.body());

    HttpResponse<String> midway =
        dp.http(
            "POST",
            "/api/v1/sql",
            "{\"sql\": \"select cast(case when i < 50000 then '1' else 'x' end as integer)"
                + " from range(100000) t(i)\"}",
            BASIC);
    assertEquals(400, midway.statusCode(), midway.body());

    Properties properties = new Properties();
    properties.setProperty("user", "admin");
    properties.setProperty("password", DpProcess.PASSWORD);
    try (Connection connection = DriverManager.getConnection(dp.flightJdbcUrl(), properties);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select * from range(5000000)")) {
      assertTrue(rows.next());
    }

    assertEquals("answer\n42", sqlOk("select 42 as answer"));
  }

  @Test
  @Order(8)
  void recordsQueryProfiles() throws Exception {
    HttpResponse<String> response = dp.http("GET", "/api/v1/queries?limit=200", null, BASIC);
    assertEquals(200, response.statusCode());
    JsonNode queries = JSON.readTree(response.body()).path("queries");
    boolean found = false;
    for (JsonNode query : queries) {
      if (query.path("sql").asText().startsWith("select id, label, price from shop.items")) {
        found = true;
        assertTrue(query.path("filesScanned").asLong() >= 1, query.toString());
        assertTrue(query.path("tablesRead").toString().contains("shop.items"), query.toString());
        assertEquals("FINISHED", query.path("status").asText());
      }
    }
    assertTrue(found, queries.toString());
  }

  @Test
  @Order(9)
  void refusesASecondServerOnTheSameDataDirectory() throws Exception {
    CommandResult second =
        DpProcess.run(
            Map.of("DP_ADMIN_PASSWORD", "secret"),
            "up",
            "--data",
            dp.dataDirectory().toString(),
            "--http-port",
            Integer.toString(DpProcess.freePort()),
            "--flight-port",
            Integer.toString(DpProcess.freePort()));
    assertEquals(1, second.exitCode());
    assertTrue(
        second.err().contains("Cannot start: another dp process (pid " + dp.pid() + ")"),
        second.err());
  }

  @Test
  @Order(10)
  void stopsOnSigtermAndKeepsDataAcrossRestart() throws Exception {
    dp.stop();
    assertTrue(dp.output().contains("dp: shutting down"), dp.output());
    dp = DpProcess.start(dp.dataDirectory(), "up", Map.of("DP_ADMIN_PASSWORD", "another"));
    assertFalse(dp.output().contains("created user admin"), dp.output());
    assertEquals("id,label\n1,pen\n2,book", sqlOk("select id, label from shop.items order by id"));
  }
}

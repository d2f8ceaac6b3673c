package io.dataplatform.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.lakehouse.Lakehouse;
import io.dataplatform.lakehouse.LakehouseConfig;
import io.dataplatform.metastore.Metastore;
import io.dataplatform.metastore.MetastoreConfig;
import io.dataplatform.server.Platform;
import io.dataplatform.server.auth.AuthService;
import io.dataplatform.server.auth.PasswordHasher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API over a real lakehouse on an H2 metastore, through a real HTTP client. */
class TestHttpApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BASIC =
      "Basic "
          + Base64.getEncoder().encodeToString("admin:secret".getBytes(StandardCharsets.UTF_8));

  @TempDir static Path directory;
  private static Metastore metastore;
  private static Lakehouse lakehouse;
  private static HttpApi api;

  @BeforeAll
  static void start() {
    metastore = Metastore.open(MetastoreConfig.embedded(directory));
    AuthService auth = new AuthService(metastore, new PasswordHasher(), Duration.ofHours(1));
    auth.ensureAdmin(Optional.of("secret"));
    lakehouse = Lakehouse.open(LakehouseConfig.of(directory.resolve("warehouse")), metastore);
    ObjectMapper mapper = Platform.objectMapper();
    api = new HttpApi("127.0.0.1", 0, auth, mapper, "test", routes(auth, mapper)).start();
  }

  private static List<java.util.function.Consumer<io.javalin.config.RoutesConfig>> routes(
      AuthService auth, ObjectMapper mapper) {
    List<java.util.function.Consumer<io.javalin.config.RoutesConfig>> routes =
        new java.util.ArrayList<>(
            ApiRoutes.lakehouse(
                auth, lakehouse.sql(), lakehouse.browser(), metastore.queries(), mapper));
    routes.add(
        new IcebergRoutes(
                lakehouse.catalog(),
                auth,
                java.util.Map.of("warehouse", directory.resolve("warehouse").toUri().toString()))
            ::register);
    return routes;
  }

  @AfterAll
  static void stop() {
    api.close();
    lakehouse.close();
    metastore.close();
  }

  private static HttpResponse<String> send(String method, String path, String body, String auth)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path));
    if (auth != null) {
      request.header("Authorization", auth);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  @Test
  void healthNeedsNoCredentialsButEverythingElseDoes() throws Exception {
    assertEquals(200, send("GET", "/api/v1/health", null, null).statusCode());
    HttpResponse<String> anonymous = send("GET", "/api/v1/queries", null, null);
    assertEquals(401, anonymous.statusCode());
    assertEquals(
        "Cannot authenticate: credentials are missing or not valid",
        json(anonymous).path("error").path("message").asText());
    assertEquals(401, send("GET", "/api/v1/queries", null, "Bearer dps_nope").statusCode());
    assertEquals(401, send("GET", "/iceberg/v1/config", null, null).statusCode());
    assertEquals(200, send("GET", "/iceberg/v1/config", null, BASIC).statusCode());
  }

  @Test
  void logsInAndUsesTheTokenUntilLogout() throws Exception {
    HttpResponse<String> wrong =
        send("POST", "/api/v1/auth/login", "{\"username\":\"admin\",\"password\":\"x\"}", null);
    assertEquals(401, wrong.statusCode());
    HttpResponse<String> login =
        send(
            "POST", "/api/v1/auth/login", "{\"username\":\"admin\",\"password\":\"secret\"}", null);
    assertEquals(200, login.statusCode());
    String bearer = "Bearer " + json(login).path("token").asText();
    assertEquals("admin", json(send("GET", "/api/v1/me", null, bearer)).path("username").asText());
    assertEquals(204, send("POST", "/api/v1/auth/logout", null, bearer).statusCode());
    assertEquals(401, send("GET", "/api/v1/me", null, bearer).statusCode());
  }

  @Test
  void createsUsesAndRevokesApiTokens() throws Exception {
    HttpResponse<String> created = send("POST", "/api/v1/tokens", "{\"name\":\"ci\"}", BASIC);
    assertEquals(201, created.statusCode());
    String bearer = "Bearer " + json(created).path("token").asText();
    long id = json(created).path("id").asLong();
    assertEquals(200, send("GET", "/api/v1/me", null, bearer).statusCode());
    assertTrue(send("GET", "/api/v1/tokens", null, BASIC).body().contains("\"ci\""));
    assertEquals(204, send("DELETE", "/api/v1/tokens/" + id, null, BASIC).statusCode());
    assertEquals(401, send("GET", "/api/v1/me", null, bearer).statusCode());
  }

  @Test
  void runsSqlWithTypedColumnsLimitAndErrors() throws Exception {
    HttpResponse<String> answer =
        send(
            "POST",
            "/api/v1/sql",
            "{\"sql\":\"select i, i * 1.5 as d, 'x' || i as s, date '2024-01-01' + cast(i as integer) as day"
                + " from range(5) t(i)\",\"limit\":3}",
            BASIC);
    assertEquals(200, answer.statusCode(), answer.body());
    JsonNode body = json(answer);
    assertEquals(3, body.path("rowCount").asInt());
    assertTrue(body.path("truncated").asBoolean());
    assertEquals("BIGINT", body.path("columns").get(0).path("type").asText());
    assertEquals("[1,1.5,\"x1\",\"2024-01-02\"]", body.path("rows").get(1).toString());

    HttpResponse<String> bad = send("POST", "/api/v1/sql", "{\"sql\":\"select nope\"}", BASIC);
    assertEquals(400, bad.statusCode());
    JsonNode error = json(bad).path("error");
    assertEquals("SQL_ERROR", error.path("code").asText());
    assertTrue(error.path("message").asText().contains("nope"), bad.body());
    assertEquals(1, error.path("line").asInt());

    HttpResponse<String> notJson = send("POST", "/api/v1/sql", "{sql", BASIC);
    assertEquals(400, notJson.statusCode());
    assertTrue(
        json(notJson)
            .path("error")
            .path("message")
            .asText()
            .startsWith("Cannot read request: the body is not valid JSON"),
        notJson.body());
  }

  @Test
  void listsQueryHistoryAndCatalog() throws Exception {
    send("POST", "/api/v1/sql", "{\"sql\":\"create schema browse\"}", BASIC);
    send("POST", "/api/v1/sql", "{\"sql\":\"create table browse.t (id integer)\"}", BASIC);
    JsonNode namespaces = json(send("GET", "/api/v1/catalog/namespaces", null, BASIC));
    assertTrue(namespaces.toString().contains("\"browse\""), namespaces.toString());
    JsonNode objects = json(send("GET", "/api/v1/catalog/namespaces/browse/objects", null, BASIC));
    assertEquals("{\"objects\":[{\"name\":\"t\",\"kind\":\"TABLE\"}]}", objects.toString());
    JsonNode table = json(send("GET", "/api/v1/catalog/namespaces/browse/objects/t", null, BASIC));
    assertEquals("id", table.path("columns").get(0).path("name").asText());
    HttpResponse<String> missing =
        send("GET", "/api/v1/catalog/namespaces/browse/objects/nope", null, BASIC);
    assertEquals(404, missing.statusCode());

    long deadline = System.currentTimeMillis() + 5000;
    List<String> statements = List.of();
    while (System.currentTimeMillis() < deadline) {
      JsonNode queries = json(send("GET", "/api/v1/queries?limit=50", null, BASIC));
      statements = queries.path("queries").findValuesAsText("sql");
      if (statements.contains("create table browse.t (id integer)")) {
        break;
      }
      Thread.sleep(100);
    }
    assertTrue(statements.contains("create table browse.t (id integer)"), statements.toString());
    assertEquals(400, send("GET", "/api/v1/queries?limit=0", null, BASIC).statusCode());
  }
}

package io.dataplatform.lakehouse.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wire format of the REST catalog, checked with a plain HTTP client. */
class TestIcebergRestProtocol {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TABLE_JSON =
      "{\"name\":\"orders\",\"schema\":{\"type\":\"struct\",\"schema-id\":0,\"fields\":"
          + "[{\"id\":1,\"name\":\"id\",\"required\":true,\"type\":\"long\"}]}}";

  private final HttpClient http = HttpClient.newHttpClient();
  private JdkHttpAdapter server;

  @BeforeEach
  void start() throws IOException {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("backend", Map.of("warehouse", "/dp-warehouse"));
    TokenExchange tokens =
        new TokenExchange() {
          @Override
          public Optional<String> exchange(String clientId, String clientSecret) {
            return clientSecret.equals("s3cret") ? Optional.of("t-" + clientId) : Optional.empty();
          }

          @Override
          public Optional<String> refresh(String subjectToken) {
            return subjectToken.startsWith("t-")
                ? Optional.of(subjectToken + "+")
                : Optional.empty();
          }
        };
    IcebergRestConfig config =
        new IcebergRestConfig(
            Map.of("io-impl", "org.apache.iceberg.hadoop.HadoopFileIO"),
            Map.of("rest-page-size", "100"));
    server = new JdkHttpAdapter(new IcebergRestHandler(catalog, config, tokens), Optional.empty());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void missingTableIsA404WithTheIcebergErrorResponse() throws Exception {
    send("POST", "/v1/namespaces", "{\"namespace\":[\"raw\"]}");

    HttpResponse<String> response = send("GET", "/v1/namespaces/raw/tables/missing", "");

    assertEquals(404, response.statusCode());
    assertEquals(
        Optional.of(IcebergRestResponse.CONTENT_TYPE),
        response.headers().firstValue("Content-Type"));
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertEquals("Table does not exist: raw.missing", error.get("message").asText());
    assertEquals("NoSuchTableException", error.get("type").asText());
    assertEquals(404, error.get("code").asInt());
    assertFalse(error.has("stack"), response.body());
  }

  @Test
  void configReturnsDefaultsOverridesAndServedEndpoints() throws Exception {
    HttpResponse<String> response = send("GET", "/v1/config?warehouse=lake", "");

    assertEquals(200, response.statusCode());
    JsonNode config = JSON.readTree(response.body());
    assertEquals("org.apache.iceberg.hadoop.HadoopFileIO", config.at("/defaults/io-impl").asText());
    assertEquals("100", config.at("/overrides/rest-page-size").asText());
    List<String> endpoints = JSON.convertValue(config.get("endpoints"), List.class);
    assertTrue(
        endpoints.contains("POST /v1/{prefix}/namespaces/{namespace}/views"), endpoints.toString());
    assertTrue(endpoints.contains("POST /v1/{prefix}/transactions/commit"), endpoints.toString());
    assertEquals(23, endpoints.size(), endpoints.toString());
  }

  @Test
  void multiLevelNamespacesUseTheUnitSeparator() throws Exception {
    assertEquals(200, send("POST", "/v1/namespaces", "{\"namespace\":[\"sales\"]}").statusCode());
    assertEquals(
        200,
        send("POST", "/v1/namespaces", "{\"namespace\":[\"sales\",\"eu west\"]}").statusCode());

    HttpResponse<String> loaded = send("GET", "/v1/namespaces/sales%1Feu+west", "");
    assertEquals(200, loaded.statusCode(), loaded.body());
    assertEquals(
        "[\"sales\",\"eu west\"]", JSON.readTree(loaded.body()).get("namespace").toString());
    HttpResponse<String> children = send("GET", "/v1/namespaces?parent=sales", "");
    assertEquals(
        "[[\"sales\",\"eu west\"]]", JSON.readTree(children.body()).get("namespaces").toString());

    assertEquals(
        200, send("POST", "/v1/namespaces/sales%1Feu+west/tables", TABLE_JSON).statusCode());
    HttpResponse<String> tables = send("GET", "/v1/namespaces/sales%1Feu+west/tables", "");
    assertEquals(
        "[{\"namespace\":[\"sales\",\"eu west\"],\"name\":\"orders\"}]",
        JSON.readTree(tables.body()).get("identifiers").toString());
    assertEquals(
        204, send("HEAD", "/v1/namespaces/sales%1Feu+west/tables/orders", "").statusCode());
    assertEquals(
        204,
        send("DELETE", "/v1/namespaces/sales%1Feu+west/tables/orders?purgeRequested=true", "")
            .statusCode());
    assertEquals(
        404, send("HEAD", "/v1/namespaces/sales%1Feu+west/tables/orders", "").statusCode());
  }

  @Test
  void headAnswersWithTheStatusOnly() throws Exception {
    send("POST", "/v1/namespaces", "{\"namespace\":[\"raw\"]}");

    HttpResponse<String> present = send("HEAD", "/v1/namespaces/raw", "");
    HttpResponse<String> absent = send("HEAD", "/v1/namespaces/gone", "");

    assertEquals(204, present.statusCode());
    assertEquals(404, absent.statusCode());
    assertEquals("", absent.body());
  }

  @Test
  void conflictsAndMalformedRequestsHaveTheirStatus() throws Exception {
    send("POST", "/v1/namespaces", "{\"namespace\":[\"raw\"]}");

    assertError(
        send("POST", "/v1/namespaces", "{\"namespace\":[\"raw\"]}"),
        409,
        "AlreadyExistsException",
        "Cannot create namespace raw. Namespace already exists");
    assertError(
        send("POST", "/v1/namespaces", "{not json"),
        400,
        "BadRequestException",
        "Cannot parse request: Unexpected character ('n' (code 110)): was expecting double-quote"
            + " to start field name (CreateNamespaceRequest)");
    assertError(
        send("POST", "/v1/namespaces/raw/tables", ""),
        400,
        "BadRequestException",
        "Cannot parse request: the body is empty (CreateTableRequest)");
    assertError(
        send("GET", "/v1/namespaces/raw/tables/t/credentials", ""),
        404,
        "NoSuchEndpointException",
        "Cannot serve request: no Iceberg REST endpoint GET /v1/namespaces/raw/tables/t/credentials");
    assertError(
        send("GET", "/v1/namespaces/raw/tables?pageToken=x&pageSize=10", ""),
        400,
        "BadRequestException",
        "Cannot list tables: invalid page token or size (pageToken=x, pageSize=10)");
    assertError(
        send("PUT", "/v1/namespaces", "{}"),
        405,
        "MethodNotAllowedException",
        "Cannot serve request: method PUT is not allowed on /v1/namespaces");
  }

  @Test
  void serverFailuresAre500WithTheMessageOnlyAndPlatformErrorsKeepTheirStatus() {
    IcebergRestHandler handler = new IcebergRestHandler(new BrokenCatalog(), Map.of());

    IcebergRestResponse failure =
        handler.handle("GET", "/v1/namespaces/raw/tables/t", Map.of(), null);
    IcebergRestResponse noNamespaces = handler.handle("GET", "/v1/namespaces", Map.of(), null);
    IcebergRestResponse config = handler.handle("GET", "/v1/config", Map.of(), null);
    IcebergRestResponse refused =
        handler.handle("DELETE", "/v1/namespaces/raw/tables/t", Map.of(), "");

    assertEquals(500, failure.status());
    assertEquals(
        "{\"error\":{\"message\":\""
            + BrokenCatalog.FAILURE
            + "\",\"type\":\"IllegalStateException\",\"code\":500}}",
        failure.jsonBody());
    assertEquals(403, refused.status());
    assertEquals(
        "{\"error\":{\"message\":\""
            + BrokenCatalog.REFUSED
            + "\",\"type\":\"PERMISSION_DENIED\",\"code\":403}}",
        refused.jsonBody());
    assertEquals(406, noNamespaces.status());
    assertTrue(
        noNamespaces
            .jsonBody()
            .contains("Cannot list namespaces: the catalog does not support namespaces (broken)"),
        noNamespaces.jsonBody());
    assertFalse(config.jsonBody().contains("namespaces\""), config.jsonBody());
    assertFalse(config.jsonBody().contains("views"), config.jsonBody());
  }

  @Test
  void clientCredentialsGrantIssuesBearerTokens() throws Exception {
    HttpResponse<String> issued =
        sendForm(
            "grant_type=client_credentials&client_id=trino&client_secret=s3cret&scope=catalog");
    assertEquals(200, issued.statusCode(), issued.body());
    JsonNode token = JSON.readTree(issued.body());
    assertEquals("t-trino", token.get("access_token").asText());
    assertEquals("bearer", token.get("token_type").asText());
    assertEquals(
        "urn:ietf:params:oauth:token-type:access_token", token.get("issued_token_type").asText());
    assertEquals(3600, token.get("expires_in").asInt());

    HttpResponse<String> refused =
        sendForm("grant_type=client_credentials&client_id=trino&client_secret=nope");
    assertEquals(401, refused.statusCode());
    assertEquals(
        "{\"error\":\"invalid_client\",\"error_description\":"
            + "\"Cannot issue a token: unknown client or wrong secret (trino)\"}",
        refused.body());

    HttpResponse<String> refreshed =
        sendForm(
            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange"
                + "&subject_token=t-trino"
                + "&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token");
    assertEquals("t-trino+", JSON.readTree(refreshed.body()).get("access_token").asText());

    HttpResponse<String> unsupported = sendForm("grant_type=password&username=a&password=b");
    assertEquals(400, unsupported.statusCode());
    assertEquals("unsupported_grant_type", JSON.readTree(unsupported.body()).get("error").asText());
  }

  private static void assertError(
      HttpResponse<String> response, int status, String type, String message) throws IOException {
    assertEquals(status, response.statusCode(), response.body());
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertEquals(type, error.get("type").asText(), response.body());
    assertEquals(message, error.get("message").asText());
    assertEquals(status, error.get("code").asInt());
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.BodyPublisher publisher =
        body.isEmpty() ? BodyPublishers.noBody() : BodyPublishers.ofString(body);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.uri() + path))
            .method(method, publisher)
            .header("Content-Type", "application/json")
            .build();
    return http.send(request, BodyHandlers.ofString());
  }

  private HttpResponse<String> sendForm(String form) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.uri() + "/v1/oauth/tokens"))
            .POST(BodyPublishers.ofString(form))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .build();
    return http.send(request, BodyHandlers.ofString());
  }
}

package io.dataplatform.ingest.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataplatform.api.DpException;
import io.dataplatform.api.connector.CheckResult;
import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.Connector;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.ConnectorContext;
import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.SourceMessage;
import io.dataplatform.api.connector.SourceReader;
import io.dataplatform.api.connector.SourceStream;
import io.dataplatform.api.connector.StreamState;
import io.dataplatform.api.connector.SyncMode;
import io.dataplatform.ingest.source.ConnectorContract;
import io.dataplatform.ingest.source.SourceReads;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP connector against a local JSON API ({@link ApiServer}). */
class HttpConnectorIT extends ConnectorContract {
  private ApiServer server;
  private Map<String, Object> definition;
  private Instant clock = Instant.parse("2024-06-01T08:00:00Z");
  private long nextId = 1;

  @BeforeEach
  void start() throws Exception {
    server = new ApiServer();
    try (InputStream yaml = getClass().getResourceAsStream("/http/shop-api.yml")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> parsed = new ObjectMapper(new YAMLFactory()).readValue(yaml, Map.class);
      definition = parsed;
    }
    addFixtureRows(3);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Override
  protected Connector connector() {
    return new HttpConnector();
  }

  @Override
  protected ConnectorConfig config() {
    return config(Map.of());
  }

  private ConnectorConfig config(Map<String, Object> extra) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("definition", definition);
    values.put("base_url", server.base().toString());
    values.put("auth", "basic");
    values.put("username", "reader");
    values.put("password", "s3cret");
    values.put("retry_initial_ms", 50);
    values.putAll(extra);
    return new ConnectorConfig("http", values);
  }

  @Override
  protected ConnectorConfig unreachableConfig() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return config(
          Map.of(
              "base_url", "http://127.0.0.1:" + socket.getLocalPort() + "/api", "max_retries", 0));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  protected Optional<ConnectorConfig> wrongCredentialsConfig() {
    return Optional.of(config(Map.of("password", "not-the-password")));
  }

  @Override
  protected String fixtureStream() {
    return "customers";
  }

  @Override
  protected long fixtureRows() {
    return 3;
  }

  @Override
  protected Optional<String> fixtureCursor() {
    return Optional.of("updated_at");
  }

  @Override
  protected List<String> addFixtureRows(int count) {
    List<String> ids = new ArrayList<>();
    synchronized (server.customers) {
      for (int i = 0; i < count; i++) {
        long id = nextId++;
        server.customers.add(new ApiServer.Customer(id, "customer " + id, clock));
        clock = clock.plusSeconds(3600);
        ids.add(String.valueOf(id));
      }
    }
    return ids;
  }

  @Test
  void discoverInfersTypesFromTheFirstPage() {
    SourceStream customers = fixture();
    assertEquals(DataType.LONG, customers.column("id").orElseThrow().type());
    assertEquals(DataType.TIMESTAMPTZ, customers.column("updated_at").orElseThrow().type());
    assertEquals(DataType.DOUBLE, customers.column("score").orElseThrow().type());
    assertEquals(DataType.JSON, customers.column("tags").orElseThrow().type());
    assertEquals(List.of("id"), customers.primaryKey());
    assertEquals(Optional.of("updated_at"), customers.defaultCursor());
  }

  @Test
  void everyPaginationStyleReadsEveryRecordOnce() throws Exception {
    for (String stream : List.of("orders_by_offset", "orders_by_cursor", "orders_by_link")) {
      SourceReads reads = readStream(config(), stream);
      List<String> ids = reads.rows(stream).stream().map(row -> row.value("order_id")).toList();
      assertEquals(25, ids.size(), stream);
      assertEquals(25, ids.stream().distinct().count(), stream + " ids are distinct");
    }
    SourceReads offset = readStream(config(), "orders_by_offset");
    assertEquals("12.50", offset.rows("orders_by_offset").get(11).value("total"));
  }

  @Test
  void aServerErrorIsRetried() throws Exception {
    SourceReads reads = readStream(config(), "flaky");
    assertEquals(
        4, server.flakyCalls.get(), "discover and read each met a failure, then a success");
    assertEquals(
        "1 true|2 false",
        reads.rows("flaky").stream()
            .map(row -> row.value("id") + " " + row.value("ok"))
            .collect(Collectors.joining("|")));
  }

  @Test
  void tooManyRequestsWaitsForRetryAfter() throws Exception {
    SourceReads reads = readStream(config(), "limited");
    assertEquals(1, reads.rows("limited").size());
    assertEquals(4, server.limitedTimes.size(), "discover and read each were refused once");
    Duration waited = Duration.between(server.limitedTimes.get(2), server.limitedTimes.get(3));
    assertTrue(waited.toMillis() >= 950, "waited " + waited + " as Retry-After: 1 asked");
  }

  @Test
  void retriesEndWithTheStatus() {
    DpException error =
        assertThrows(
            DpException.class, () -> readStream(config(Map.of("max_retries", 0)), "flaky"));
    assertEquals(
        "Cannot read HTTP stream flaky: the API kept failing (GET "
            + server.base()
            + "/flaky answered 500 after 1 attempts)",
        error.getMessage());
  }

  @Test
  void rateLimitSpacesRequests() throws Exception {
    long started = System.nanoTime();
    readStream(config(Map.of("requests_per_second", 4)), "orders_by_cursor");
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    assertTrue(
        elapsed.toMillis() >= 480, "3 requests at 4 per second take at least 0.5 s: " + elapsed);
  }

  @Test
  void clientErrorsFailWithUrlAndStatusButNoSecret() {
    Map<String, Object> keyed = new LinkedHashMap<>(definition);
    keyed.put("streams", List.of(Map.of("name", "gone", "path", "/keyed/gone")));
    ConnectorConfig config =
        config(
            Map.of(
                "definition", keyed,
                "auth", "api_key",
                "api_key", ApiServer.API_KEY,
                "api_key_name", "api_key",
                "api_key_in", "query"));
    CheckResult result = connector().check(config);
    assertEquals(
        "Cannot read HTTP stream gone: the API refused the request (GET "
            + server.base()
            + "/keyed/gone answered 410)",
        result.message());
    assertFalse(result.message().contains(ApiServer.API_KEY));
  }

  @Test
  void oauthClientCredentialsTokenIsFetchedAndRenewed() throws Exception {
    Map<String, Object> secure = new LinkedHashMap<>(definition);
    secure.put(
        "streams",
        List.of(
            Map.of(
                "name", "secure",
                "path", "/secure",
                "records", "$.rows",
                "pagination", Map.of("type", "page_number"))));
    Map<String, Object> oauth = new LinkedHashMap<>();
    oauth.put("definition", secure);
    oauth.put("auth", "oauth2_client_credentials");
    oauth.put("token_url", server.root() + "/oauth/token");
    oauth.put("client_id", "app");
    oauth.put("client_secret", "app-secret");
    SourceReads reads = readStream(config(oauth), "secure");
    assertEquals(2, reads.rows("secure").size());
    assertTrue(
        server.tokenCalls.get() >= 2, "a token expiring in 1 s is renewed: " + server.tokenCalls);

    oauth.put("client_secret", "wrong");
    CheckResult refused = connector().check(config(oauth));
    assertEquals(
        "Cannot get an OAuth2 token: the token endpoint answered 401; check client_id and"
            + " client_secret (POST "
            + server.root()
            + "/oauth/token)",
        refused.message());
  }

  @Test
  void definitionFileComesFromAnImportDirectory(@TempDir Path imports, @TempDir Path elsewhere)
      throws Exception {
    try (InputStream yaml = getClass().getResourceAsStream("/http/shop-api.yml")) {
      Files.copy(yaml, imports.resolve("shop-api.yml"));
    }
    Files.copy(imports.resolve("shop-api.yml"), elsewhere.resolve("shop-api.yml"));
    Map<String, Object> values = new LinkedHashMap<>(config().values());
    values.remove("definition");
    values.put("definition_file", "shop-api.yml");
    ConnectorContext context = new ConnectorContext(List.of(imports), Optional.empty());
    assertTrue(connector().check(new ConnectorConfig("http", values, context)).isSuccess());
    values.put("definition_file", elsewhere.resolve("shop-api.yml").toString());
    CheckResult outside = connector().check(new ConnectorConfig("http", values, context));
    assertEquals(
        "Cannot read API definition: the file is outside the import directories ("
            + elsewhere.resolve("shop-api.yml")
            + ")",
        outside.message());
  }

  @Test
  void sortedIncrementalStreamsCheckpointEveryPage() throws Exception {
    Map<String, Object> sorted = new LinkedHashMap<>(definition);
    sorted.put(
        "streams",
        List.of(
            Map.of(
                "name",
                "customers",
                "path",
                "/customers",
                "records",
                "$.data[*]",
                "primary_key",
                List.of("id"),
                "pagination",
                Map.of("type", "page_number", "size_param", "per_page", "size", 2),
                "incremental",
                Map.of(
                    "cursor_field", "updated_at",
                    "param", "updated_since",
                    "start", "2024-06-01T09:00:00Z",
                    "sorted", true))));
    addFixtureRows(2);
    ConnectorConfig config = config(Map.of("definition", sorted));
    SourceStream stream = connector().discover(config).get(0);
    SourceReads first = readIncremental(config, stream, StreamState.EMPTY);
    assertEquals(
        "2,3,4,5",
        first.rows("customers").stream()
            .map(row -> row.value("id"))
            .sorted()
            .collect(Collectors.joining(",")),
        "the start value leaves out customer 1");
    assertEquals(
        List.of("2024-06-01T10:00:00Z", "2024-06-01T12:00:00Z"),
        first.checkpoints.stream()
            .map(checkpoint -> checkpoint.state().values().get("cursor"))
            .toList(),
        "a checkpoint after each page that moved the cursor");

    addFixtureRows(1);
    SourceReads second =
        readIncremental(config, stream, first.lastCheckpoint("customers").orElseThrow().state());
    assertEquals(
        List.of("6"), second.rows("customers").stream().map(row -> row.value("id")).toList());
  }

  @Test
  void fieldsNewAtTheSourceBecomeColumns() throws Exception {
    SourceStream stream = fixture();
    server.customers.clear();
    Map<String, Object> extra = new LinkedHashMap<>(definition);
    ConnectorConfig config = config(Map.of("definition", extra));
    synchronized (server.customers) {
      server.customers.add(new ApiServer.Customer(50, "new", clock));
    }
    SourceStream narrowed =
        new SourceStream(
            stream.name(),
            stream.columns().stream().filter(column -> !column.name().equals("score")).toList(),
            stream.primaryKey(),
            stream.cursorCandidates(),
            stream.defaultCursor(),
            stream.syncModes());
    SourceReads reads = readIncremental(config, narrowed, StreamState.EMPTY);
    SourceMessage.RecordBatch batch =
        reads.messages.stream()
            .filter(SourceMessage.RecordBatch.class::isInstance)
            .map(SourceMessage.RecordBatch.class::cast)
            .findFirst()
            .orElseThrow();
    assertEquals("score", batch.columns().get(batch.columns().size() - 1).name());
    assertEquals(DataType.DOUBLE, batch.columns().get(batch.columns().size() - 1).type());
    assertEquals("75.0", reads.rows("customers").get(0).value("score"));
  }

  private SourceReads readIncremental(
      ConnectorConfig config, SourceStream stream, StreamState state) throws Exception {
    ConfiguredStream configured =
        new ConfiguredStream(
            stream, SyncMode.INCREMENTAL_APPEND, Optional.of("updated_at"), List.of("id"), state);
    try (SourceReader reader = connector().read(config, request(List.of(configured)))) {
      return SourceReads.drain(reader, Duration.ofSeconds(30));
    }
  }

  private SourceReads readStream(ConnectorConfig config, String name) throws Exception {
    SourceStream stream =
        connector().discover(config).stream()
            .filter(candidate -> candidate.name().equals(name))
            .findFirst()
            .orElseThrow();
    ConfiguredStream configured =
        new ConfiguredStream(
            stream,
            SyncMode.FULL_REFRESH_OVERWRITE,
            Optional.empty(),
            List.of(),
            StreamState.EMPTY);
    try (SourceReader reader = connector().read(config, request(List.of(configured)))) {
      return SourceReads.drain(reader, Duration.ofSeconds(30));
    }
  }
}

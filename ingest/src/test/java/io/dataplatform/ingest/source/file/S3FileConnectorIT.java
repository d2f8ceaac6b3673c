package io.dataplatform.ingest.source.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.connector.CheckResult;
import io.dataplatform.api.connector.Connector;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.ConnectorContext;
import io.dataplatform.api.connector.StreamState;
import io.dataplatform.api.connector.SyncMode;
import io.dataplatform.ingest.source.ConnectorContract;
import io.dataplatform.ingest.source.SourceReads;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * CSV files in a bucket of an S3 endpoint (an in-process S3Proxy over a directory), read once as
 * the platform's own store and once as an external store with explicit keys.
 */
class S3FileConnectorIT extends ConnectorContract {
  private static final String ACCESS_KEY = "files-reader";
  private static final String SECRET_KEY = "files-secret-0123456789";
  private static Path blobs;
  private static S3Proxy proxy;
  private static URI endpoint;
  private static S3Client client;

  private String bucket;
  private int nextId = 1;
  private int nextFile = 1;

  @BeforeAll
  static void startStore() throws Exception {
    blobs = Files.createTempDirectory("dp-s3-files");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    endpoint = URI.create("http://127.0.0.1:" + port);
    proxy =
        S3Proxy.builder()
            .blobStore(new FilesystemNio2BlobStore(blobs.toString()))
            .endpoint(endpoint)
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    proxy.start();
    long deadline = System.currentTimeMillis() + 10_000;
    while (!"STARTED".equals(proxy.getState()) && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    client =
        S3Client.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  @AfterAll
  static void stopStore() throws Exception {
    client.close();
    proxy.stop();
  }

  @BeforeEach
  void writeFixture() throws Exception {
    bucket = "landing-" + UUID.randomUUID().toString().substring(0, 8);
    client.createBucket(request -> request.bucket(bucket));
    client.putObject(
        request -> request.bucket(bucket).key("exports/orders/readme.md"),
        RequestBody.fromString("not a csv file"));
    addFixtureRows(3);
  }

  @Override
  protected Connector connector() {
    return new CsvConnector();
  }

  /** The platform's own store: no endpoint or keys in the configuration. */
  @Override
  protected ConnectorConfig config() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("bucket", bucket);
    values.put("prefix", "exports/orders/");
    values.put("primary_key", List.of("id"));
    return new ConnectorConfig(
        "csv",
        values,
        new ConnectorContext(
            List.of(),
            Optional.of(
                new ConnectorContext.S3Access(endpoint, "us-east-1", ACCESS_KEY, SECRET_KEY))));
  }

  private ConnectorConfig externalConfig(String secretKey, URI target) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("bucket", bucket);
    values.put("prefix", "exports/orders");
    values.put("glob", "**/*.csv");
    values.put("endpoint", target.toString());
    values.put("access_key", ACCESS_KEY);
    values.put("secret_key", secretKey);
    values.put("path_style", true);
    return new ConnectorConfig("csv", values);
  }

  @Override
  protected ConnectorConfig unreachableConfig() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return externalConfig(SECRET_KEY, URI.create("http://127.0.0.1:" + socket.getLocalPort()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  protected Optional<ConnectorConfig> wrongCredentialsConfig() {
    return Optional.of(externalConfig("not-the-secret", endpoint));
  }

  @Override
  protected String fixtureStream() {
    return "orders";
  }

  @Override
  protected long fixtureRows() {
    return 3;
  }

  @Override
  protected Optional<String> fixtureCursor() {
    return Optional.of("_dp_file_modified");
  }

  @Override
  protected List<String> addFixtureRows(int count) {
    StringBuilder text = new StringBuilder("id,amount,customer\n");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int id = nextId++;
      text.append(id).append(',').append(id * 2.5).append(",c").append(id).append('\n');
      ids.add(String.valueOf(id));
    }
    String key =
        "exports/orders/" + (nextFile % 2 == 0 ? "2024/" : "") + "part-" + nextFile++ + ".csv";
    client.putObject(
        request -> request.bucket(bucket).key(key), RequestBody.fromString(text.toString()));
    return ids;
  }

  @Test
  void externalStoreWithKeysReadsTheSameRows() throws Exception {
    addFixtureRows(2);
    ConnectorConfig external = externalConfig(SECRET_KEY, endpoint);
    CheckResult check = connector().check(external);
    assertEquals("2 files match s3://" + bucket + "/exports/orders (**/*.csv)", check.message());
    var stream = connector().discover(external).get(0);
    var configured =
        new io.dataplatform.api.connector.ConfiguredStream(
            stream,
            SyncMode.FULL_REFRESH_OVERWRITE,
            Optional.empty(),
            List.of(),
            StreamState.EMPTY);
    SourceReads reads;
    try (var reader = connector().read(external, request(List.of(configured)))) {
      reads = SourceReads.drain(reader, java.time.Duration.ofSeconds(60));
    }
    assertEquals(5, reads.rows("orders").size());
    assertTrue(
        reads.rows("orders").stream()
            .allMatch(
                row -> row.value("_dp_file").startsWith("s3://" + bucket + "/exports/orders/")),
        "rows name their object");
    try (var files = Files.list(work)) {
      assertEquals(
          List.of(),
          files.filter(file -> file.getFileName().toString().startsWith("download-")).toList(),
          "downloads are removed");
    }
  }
}

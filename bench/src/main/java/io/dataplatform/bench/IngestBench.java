package io.dataplatform.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * Full refresh of a PostgreSQL table into the lake against PostgreSQL's own {@code COPY (SELECT …)
 * TO STDOUT} read by a JDBC client (the practical limit), in the same run, on the test server of
 * {@code .ci/postgres-start} (127.0.0.1:5432, role dp). Prints both rates in MB/s of COPY text, the
 * ratio (target ≥ 0.7), and Airbyte's published 11 MB/s beside them.
 *
 * <pre>
 * mvn -B -q -DskipTests install
 * mvn -B -q -Pbench -pl bench compile exec:exec@ingest -Dbench.args="--rows 5000000"
 * </pre>
 */
public final class IngestBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DATABASE = "dp_bench_ingest";

  private IngestBench() {}

  public static void main(String[] arguments) throws Exception {
    Path serverJar = Path.of("../server/target/dp-server.jar");
    Path work = Path.of("data/ingest");
    long rows = 5_000_000;
    for (int i = 0; i < arguments.length; i++) {
      switch (arguments[i]) {
        case "--server-jar" -> serverJar = Path.of(arguments[++i]);
        case "--rows" -> rows = Long.parseLong(arguments[++i]);
        case "--data" -> work = Path.of(arguments[++i]);
        default -> throw new IllegalArgumentException("Cannot read argument " + arguments[i]);
      }
    }
    TransformBench.delete(work);
    prepare(rows);
    long bytes = 0;
    double copySeconds = Double.MAX_VALUE;
    for (int attempt = 0; attempt < 2; attempt++) {
      long started = System.nanoTime();
      bytes = copyOut();
      copySeconds = Math.min(copySeconds, (System.nanoTime() - started) / 1e9);
    }
    double megabytes = bytes / 1e6;
    System.out.printf("table: %,d rows, %.0f MB as COPY text%n", rows, megabytes);
    System.out.printf(
        "COPY TO STDOUT (JDBC)   %7.1f s  %7.1f MB/s%n", copySeconds, megabytes / copySeconds);
    try (PlatformProcess platform = PlatformProcess.start(serverJar, work.resolve("platform"))) {
      apply(platform);
      double syncSeconds = sync(platform);
      System.out.printf(
          "dp full refresh         %7.1f s  %7.1f MB/s%n", syncSeconds, megabytes / syncSeconds);
      System.out.printf(
          "ratio dp / COPY         %.2f (target >= 0.70); Airbyte's best published figure: 11 MB/s%n",
          copySeconds / syncSeconds);
      System.out.println(
          "rows in the lake: " + platform.httpSql("select count(*) from raw.events"));
    }
  }

  private static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "dp", "dp");
  }

  private static void prepare(long rows) throws SQLException {
    try (Connection admin = connect("postgres");
        Statement statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
      statement.execute("CREATE DATABASE " + DATABASE);
    }
    try (Connection connection = connect(DATABASE);
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE events (id BIGINT PRIMARY KEY, account INTEGER NOT NULL,"
              + " kind TEXT NOT NULL, amount NUMERIC(12, 2), happened_at TIMESTAMPTZ NOT NULL,"
              + " payload TEXT)");
      statement.execute(
          "INSERT INTO events SELECT i, (i * 7919) % 100000,"
              + " (ARRAY['view', 'click', 'purchase', 'refund'])[1 + i % 4],"
              + " round(((i * 37) % 100000) / 100.0, 2),"
              + " TIMESTAMPTZ '2024-01-01 00:00:00+00' + i * INTERVAL '1 second',"
              + " md5(i::text) || md5((i * 3)::text) || md5((i * 7)::text)"
              + " FROM generate_series(1::bigint, "
              + rows
              + ") AS i");
      statement.execute("ANALYZE events");
    }
  }

  /** Bytes of {@code COPY (SELECT * FROM events) TO STDOUT (FORMAT csv)} read by this client. */
  private static long copyOut() throws SQLException, IOException {
    try (Connection connection = connect(DATABASE)) {
      long[] count = new long[1];
      OutputStream counting =
          new OutputStream() {
            @Override
            public void write(int b) {
              count[0]++;
            }

            @Override
            public void write(byte[] buffer, int offset, int length) {
              count[0] += length;
            }
          };
      connection
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyOut("COPY (SELECT * FROM events) TO STDOUT (FORMAT csv)", counting);
      return count[0];
    }
  }

  private static void apply(PlatformProcess platform) throws IOException, InterruptedException {
    String yaml =
        "name: bench\nsource:\n  type: postgres\n  host: 127.0.0.1\n  port: 5432\n"
            + "  database: "
            + DATABASE
            + "\n  user: dp\n  password: dp\ndestination:\n  namespace: raw\n"
            + "streams:\n  - name: public.events\n    mode: full_refresh_overwrite\n";
    JsonNode answer = call(platform, "POST", "/api/v1/connections", Map.of("yaml", yaml));
    if (!answer.has("name") && !answer.toString().contains("bench")) {
      throw new IllegalStateException("Cannot apply the bench connection: " + answer);
    }
  }

  private static double sync(PlatformProcess platform) throws Exception {
    long started = System.nanoTime();
    JsonNode sync = call(platform, "POST", "/api/v1/connections/bench/syncs", Map.of());
    String id = sync.path("syncId").asText();
    while (true) {
      JsonNode state = call(platform, "GET", "/api/v1/syncs/" + id, null);
      String status = state.path("status").asText();
      if (status.equals("SUCCEEDED")) {
        double seconds = (System.nanoTime() - started) / 1e9;
        state.path("log").forEach(line -> System.out.println("  sync log: " + line.asText()));
        return seconds;
      }
      if (!status.equals("RUNNING") && !status.equals("QUEUED")) {
        throw new IllegalStateException("Cannot finish the bench sync: " + state);
      }
      Thread.sleep(100);
    }
  }

  private static JsonNode call(PlatformProcess platform, String method, String path, Object body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            (PlatformProcess.USER + ":" + PlatformProcess.PASSWORD)
                                .getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/json");
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          "Cannot call "
              + method
              + " "
              + path
              + ": HTTP "
              + response.statusCode()
              + " "
              + response.body());
    }
    return JSON.readTree(response.body());
  }
}

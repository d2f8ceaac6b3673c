package io.dataplatform.server.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.server.Platform;
import io.dataplatform.server.cli.TransformCommand;
import io.dataplatform.server.config.ConfigKey;
import io.dataplatform.server.config.ConfigLoader;
import io.dataplatform.storage.S3Credentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A running platform keeps each {@code dp transform} run's artifacts in its {@code artifacts}
 * bucket; the test reads them back through the S3 API. It also runs a YAML selector and {@code
 * source freshness} through the command line.
 */
class TransformArtifactsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path directory;
  private Platform platform;
  private S3Client s3;

  @BeforeEach
  void start() throws IOException {
    Path file = Files.writeString(directory.resolve("dp.yml"), "{}\n");
    Map<ConfigKey, String> flags = new java.util.EnumMap<>(ConfigKey.class);
    flags.put(ConfigKey.DATA_DIR, directory.resolve("data").toString());
    // port 0: each listener takes a free port when it binds, so no other process can take it
    // between a probe and the bind
    flags.put(ConfigKey.HTTP_PORT, "0");
    flags.put(ConfigKey.FLIGHT_PORT, "0");
    flags.put(ConfigKey.S3_PORT, "0");
    flags.put(ConfigKey.ADMIN_PASSWORD, "secret");
    flags.put(ConfigKey.TRANSFORM_PROJECTS_DIR, directory.resolve("projects").toString());
    platform = new Platform(new ConfigLoader(Map.of()).load(Optional.of(file), flags)).start();
    S3Credentials credentials = platform.storage().rootCredentials().credentials();
    s3 =
        S3Client.builder()
            .endpointOverride(platform.storage().endpoint())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretKey())))
            .build();
  }

  @AfterEach
  void stop() {
    if (s3 != null) {
      s3.close();
    }
    if (platform != null) {
      platform.close();
    }
  }

  private Path project() throws IOException {
    Path project = directory.resolve("projects").resolve("tiny");
    Files.createDirectories(project.resolve("models"));
    Files.createDirectories(project.resolve("seeds"));
    Files.writeString(project.resolve("dbt_project.yml"), "name: tiny\nversion: '1'\n");
    Files.writeString(project.resolve("seeds/people.csv"), "id,name\n1,ann\n2,bob\n");
    String twoHoursAgo =
        LocalDateTime.now(ZoneOffset.UTC)
            .minusHours(2)
            .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    Files.writeString(
        project.resolve("seeds/events.csv"),
        "id,loaded_at\n1,2020-01-01 00:00:00\n2," + twoHoursAgo + "\n");
    Files.writeString(
        project.resolve("seeds/old_events.csv"), "id,loaded_at\n1,2020-01-01 00:00:00\n");
    Files.writeString(
        project.resolve("models/names.sql"),
        "{{ config(materialized='table') }}\nselect upper(name) as name from {{ ref('people') }}");
    Files.writeString(
        project.resolve("models/schema.yml"),
        """
        version: 2
        models:
          - name: names
            columns:
              - name: name
                tests: [unique, not_null]
        sources:
          - name: lake
            schema: main
            loaded_at_field: loaded_at
            freshness:
              warn_after: {count: 1, period: hour}
              error_after: {count: 1, period: day}
            tables:
              - name: events
              - name: old_events
        """);
    Files.writeString(
        project.resolve("selectors.yml"),
        """
        selectors:
          - name: names_only
            description: the names model without its tests
            definition:
              method: fqn
              value: names
              indirect_selection: empty
        """);
    return project;
  }

  @Test
  void runsStoreTheirArtifactsInTheArtifactsBucket() throws Exception {
    Path project = project();
    List<String> build = new ArrayList<>();
    assertEquals(0, cli(build, "build", "--project", project.toString()), String.join("\n", build));
    assertTrue(
        build.contains("Done. PASS=6 WARN=0 ERROR=0 SKIP=0 TOTAL=6"), String.join("\n", build));

    List<String> selected = new ArrayList<>();
    assertEquals(
        0,
        cli(selected, "run", "--project", project.toString(), "--selector", "names_only"),
        String.join("\n", selected));
    assertTrue(
        selected.contains("Done. PASS=1 WARN=0 ERROR=0 SKIP=0 TOTAL=1"),
        String.join("\n", selected));

    List<String> freshness = new ArrayList<>();
    assertEquals(
        1,
        cli(freshness, "source", "freshness", "--project", project.toString()),
        String.join("\n", freshness));
    assertTrue(
        freshness.stream()
            .anyMatch(l -> l.matches("1 of 2 WARN freshness of lake\\.events \\.+ \\[WARN in .*")),
        String.join("\n", freshness));
    assertTrue(
        freshness.stream()
            .anyMatch(
                l ->
                    l.matches(
                        "2 of 2 ERROR STALE freshness of lake\\.old_events \\.+"
                            + " \\[ERROR STALE in .*")),
        String.join("\n", freshness));
    assertTrue(
        freshness.contains("Done. PASS=0 WARN=1 ERROR=1 SKIP=0 TOTAL=2"),
        String.join("\n", freshness));

    List<String> unknown = new ArrayList<>();
    assertEquals(1, cli(unknown, "run", "--project", project.toString(), "--selector", "nightly"));
    assertEquals(
        List.of(
            "Error: Cannot select nodes: no selector named nightly in selectors.yml (known:"
                + " names_only)"),
        unknown.stream().filter(l -> l.startsWith("Error")).toList(),
        String.join("\n", unknown));

    // the three runs, newest first, as the run history lists them
    JsonNode history = JSON.readTree(get("/api/v1/transform/runs?project=tiny&limit=10"));
    assertEquals(3, history.path("runs").size(), history.toString());
    String freshnessRun = history.path("runs").get(0).path("id").asText();
    String selectorRun = history.path("runs").get(1).path("id").asText();
    String buildRun = history.path("runs").get(2).path("id").asText();
    assertEquals("source_freshness", history.path("runs").get(0).path("command").asText());

    Map<String, Map<String, JsonNode>> stored = storedArtifacts("transform/tiny/");
    assertEquals(
        new TreeSet<>(List.of(buildRun, selectorRun, freshnessRun)),
        stored.keySet(),
        "run folders");
    assertEquals(
        new TreeSet<>(List.of("manifest.json", "run_results.json")), stored.get(buildRun).keySet());
    assertEquals(
        new TreeSet<>(List.of("manifest.json", "sources.json")), stored.get(freshnessRun).keySet());

    JsonNode manifest = stored.get(buildRun).get("manifest.json");
    assertEquals(buildRun, manifest.path("metadata").path("invocation_id").asText());
    assertTrue(manifest.path("nodes").has("model.tiny.names"), manifest.toString());
    assertEquals(
        "loaded_at",
        manifest.path("sources").path("source.tiny.lake.events").path("loaded_at_field").asText());
    JsonNode runResults = stored.get(buildRun).get("run_results.json");
    assertEquals(6, runResults.path("results").size());
    assertEquals(buildRun, runResults.path("metadata").path("invocation_id").asText());
    JsonNode selectorResults = stored.get(selectorRun).get("run_results.json");
    assertEquals(1, selectorResults.path("results").size());
    assertEquals(
        "model.tiny.names", selectorResults.path("results").get(0).path("unique_id").asText());

    JsonNode sources = stored.get(freshnessRun).get("sources.json");
    assertEquals(
        "https://schemas.getdbt.com/dbt/sources/v3.json",
        sources.path("metadata").path("dbt_schema_version").asText());
    assertEquals("warn", sources.path("results").get(0).path("status").asText());
    double age = sources.path("results").get(0).path("max_loaded_at_time_ago_in_s").asDouble();
    assertTrue(age > 7_190 && age < 7_400, "two hours old: " + age);
    assertEquals("error", sources.path("results").get(1).path("status").asText());
    assertEquals(
        "2020-01-01T00:00:00Z", sources.path("results").get(1).path("max_loaded_at").asText());
    // the same files are in the project's target directory
    assertEquals(sources, JSON.readTree(project.resolve("target/sources.json").toFile()));
  }

  /** Every object under {@code prefix}, parsed, by run folder and file name. */
  private Map<String, Map<String, JsonNode>> storedArtifacts(String prefix) throws IOException {
    Map<String, Map<String, JsonNode>> runs = new TreeMap<>();
    for (S3Object object :
        s3.listObjectsV2Paginator(b -> b.bucket(TransformArtifacts.BUCKET).prefix(prefix))
            .contents()) {
      String[] parts = object.key().substring(prefix.length()).split("/");
      assertEquals(2, parts.length, object.key());
      byte[] body =
          s3.getObjectAsBytes(b -> b.bucket(TransformArtifacts.BUCKET).key(object.key()))
              .asByteArray();
      runs.computeIfAbsent(parts[0], k -> new TreeMap<>()).put(parts[1], JSON.readTree(body));
    }
    return runs;
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.httpPort() + path))
                    .header(
                        "Authorization",
                        "Basic "
                            + Base64.getEncoder()
                                .encodeToString("admin:secret".getBytes(StandardCharsets.UTF_8)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }

  private int cli(List<String> output, String... arguments) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream previousOut = System.out;
    PrintStream previousErr = System.err;
    PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    try {
      List<String> all = new ArrayList<>(List.of(arguments));
      all.addAll(
          List.of(
              "--server",
              "http://127.0.0.1:" + platform.httpPort(),
              "--user",
              "admin",
              "--password",
              "secret"));
      CommandLine command = new CommandLine(new TransformCommand());
      command.setExecutionExceptionHandler(
          (exception, line, parsed) -> {
            line.getErr().println("Error: " + exception.getMessage());
            return 1;
          });
      return command.execute(all.toArray(String[]::new));
    } finally {
      System.setOut(previousOut);
      System.setErr(previousErr);
      output.addAll(buffer.toString(StandardCharsets.UTF_8).lines().toList());
    }
  }
}

package io.dataplatform.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.lakehouse.Lakehouse;
import io.dataplatform.lakehouse.LakehouseConfig;
import io.dataplatform.lakehouse.sql.SqlSession;
import io.dataplatform.lakehouse.sql.StatementResult;
import io.dataplatform.metastore.Metastore;
import io.dataplatform.metastore.MetastoreConfig;
import io.dataplatform.server.Platform;
import io.dataplatform.server.auth.AuthService;
import io.dataplatform.server.auth.PasswordHasher;
import io.dataplatform.server.http.HttpApi;
import io.dataplatform.server.http.TransformRoutes;
import io.dataplatform.transform.TransformService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dp transform} against the transform route of a real HTTP API and lakehouse. */
class TransformCommandIT {
  @TempDir Path directory;
  private Metastore metastore;
  private Lakehouse lakehouse;
  private HttpApi api;

  @BeforeEach
  void start() {
    metastore = Metastore.open(MetastoreConfig.embedded(directory));
    AuthService auth = new AuthService(metastore, new PasswordHasher(), Duration.ofHours(1));
    auth.ensureAdmin(Optional.of("secret"));
    lakehouse = Lakehouse.open(LakehouseConfig.of(directory.resolve("warehouse")), metastore);
    ObjectMapper mapper = Platform.objectMapper();
    io.dataplatform.transform.history.TransformRunRepository runs =
        new io.dataplatform.transform.history.TransformRunRepository(metastore.dataSource());
    TransformRoutes routes =
        new TransformRoutes(
            new TransformService(lakehouse.sql(), runs),
            runs,
            new io.dataplatform.server.roles.TransformProjects(directory),
            mapper);
    api = new HttpApi("127.0.0.1", 0, auth, mapper, "test", List.of(routes::register)).start();
  }

  @AfterEach
  void stop() {
    api.close();
    lakehouse.close();
    metastore.close();
  }

  private Path project() throws Exception {
    Path project = directory.resolve("project");
    Files.createDirectories(project.resolve("models"));
    Files.createDirectories(project.resolve("seeds"));
    Files.writeString(project.resolve("dbt_project.yml"), "name: tiny\nversion: '1'\n");
    Files.writeString(project.resolve("seeds/people.csv"), "id,name\n1,ann\n2,bob\n");
    Files.writeString(
        project.resolve("models/names.sql"),
        "{{ config(materialized='table') }}\nselect upper(name) as name from {{ ref('people') }}");
    Files.writeString(
        project.resolve("models/schema.yml"),
        "version: 2\nmodels:\n  - name: names\n    columns:\n      - name: name\n"
            + "        tests: [unique, {accepted_values: {values: ['ANN']}}]\n");
    return project;
  }

  private String get(String path) throws Exception {
    java.net.http.HttpResponse<String> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + api.port() + path))
                    .header(
                        "Authorization",
                        "Basic "
                            + java.util.Base64.getEncoder()
                                .encodeToString("admin:secret".getBytes(StandardCharsets.UTF_8)))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }

  private int run(List<String> output, String... arguments) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream previous = System.out;
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      List<String> all = new ArrayList<>(List.of(arguments));
      all.addAll(
          List.of(
              "--server",
              "http://127.0.0.1:" + api.port(),
              "--user",
              "admin",
              "--password",
              "secret"));
      return new CommandLine(new TransformCommand()).execute(all.toArray(String[]::new));
    } finally {
      System.setOut(previous);
      output.addAll(buffer.toString(StandardCharsets.UTF_8).lines().toList());
    }
  }

  @Test
  void buildPrintsNodesAndExitsOneOnAFailedTest() throws Exception {
    Path project = project();
    List<String> output = new ArrayList<>();
    int exit = run(output, "build", "--project", project.toString(), "--threads", "2");
    assertEquals(1, exit, String.join("\n", output));
    assertTrue(
        output.stream()
            .anyMatch(
                l -> l.matches("\\d of 4 OK created seed file main\\.people \\.+ \\[OK in .*")),
        String.join("\n", output));
    assertTrue(
        output.stream()
            .anyMatch(
                l ->
                    l.matches(
                        "\\d of 4 FAIL test accepted_values_names_name__ANN \\.+ \\[FAIL 1 in .*")),
        String.join("\n", output));
    assertTrue(
        output.contains("Done. PASS=3 WARN=0 ERROR=1 SKIP=0 TOTAL=4"), String.join("\n", output));
    try (StatementResult result =
        lakehouse
            .sql()
            .execute(
                new SqlSession("t", "test"),
                "SELECT string_agg(name, ',' ORDER BY name) FROM main.names",
                List.of())) {
      ResultSet rows = result.rows().orElseThrow();
      rows.next();
      assertEquals("ANN,BOB", rows.getString(1));
    }
    List<String> second = new ArrayList<>();
    assertEquals(
        0,
        run(second, "run", "--project", project.toString(), "-s", "names"),
        String.join("\n", second));
    assertTrue(
        second.contains("Done. PASS=1 WARN=0 ERROR=0 SKIP=0 TOTAL=1"), String.join("\n", second));

    // the web UI's routes: projects of the projects folder, the manifest, past runs by project
    String projects = get("/api/v1/transform/projects");
    assertTrue(projects.contains("\"name\":\"project\""), projects);
    String manifest = get("/api/v1/transform/manifest?project=project");
    assertTrue(manifest.contains("\"model.tiny.names\""), manifest);
    String history = get("/api/v1/transform/runs?project=" + project + "&limit=5");
    JsonNode runsJson = new ObjectMapper().readTree(history);
    assertEquals(2, runsJson.path("runs").size(), history);
    assertEquals("run", runsJson.path("runs").get(0).path("command").asText(), history);
    assertTrue(runsJson.path("runs").get(1).path("success").isBoolean(), history);
    assertTrue(!runsJson.path("runs").get(1).path("success").asBoolean(), history);
  }
}

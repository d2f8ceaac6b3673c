package io.dataplatform.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The transform figures of the issue against a running platform: {@code build} of a small shop
 * project (3 seeds, 5 models, tests) end to end, and parse + compile and {@code run --threads 4} of
 * a generated project of chained and fanned-in models. There is no dbt here to run beside it, so
 * each figure is printed with the target and the ratio to it (below 1.00 meets it).
 *
 * <pre>
 * mvn -B -q -DskipTests install
 * mvn -B -q -Pbench -pl bench compile exec:exec@transform -Dbench.args="--models 1000"
 * </pre>
 */
public final class TransformBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TransformBench() {}

  public static void main(String[] arguments) throws Exception {
    Path serverJar = Path.of("../server/target/dp-server.jar");
    Path shopProject = Path.of("../transform/src/test/resources/projects/shop");
    Path work = Path.of("data/transform");
    int models = 1000;
    boolean skipRun = false;
    for (int i = 0; i < arguments.length; i++) {
      switch (arguments[i]) {
        case "--server-jar" -> serverJar = Path.of(arguments[++i]);
        case "--models" -> models = Integer.parseInt(arguments[++i]);
        case "--data" -> work = Path.of(arguments[++i]);
        case "--skip-run" -> skipRun = true;
        default -> throw new IllegalArgumentException("Cannot read argument " + arguments[i]);
      }
    }
    delete(work);
    Files.createDirectories(work);
    Path shop = copy(shopProject, work.resolve("shop"));
    Path generated = generate(work.resolve("generated"), models);
    try (PlatformProcess platform = PlatformProcess.start(serverJar, work.resolve("platform"))) {
      System.out.printf("platform ready in %.1f s%n", platform.startupMillis() / 1000);
      report("shop build, first", run(platform, shop, "build", 4), 3.0);
      report("shop build, second", run(platform, shop, "build", 4), 3.0);
      report(models + " models parse+compile, first", run(platform, generated, "compile", 1), 5.0);
      report(models + " models parse+compile, second", run(platform, generated, "compile", 1), 5.0);
      if (!skipRun) {
        report(models + " models run --threads 4", run(platform, generated, "run", 4), Double.NaN);
      }
    }
  }

  private static void report(String name, double seconds, double target) {
    if (Double.isNaN(target)) {
      System.out.printf("%-40s %8.2f s%n", name, seconds);
    } else {
      System.out.printf(
          "%-40s %8.2f s   target %.1f s   ratio %.2f%n", name, seconds, target, seconds / target);
    }
  }

  /** One command through the server's transform route; the seconds until its last line. */
  private static double run(PlatformProcess platform, Path project, String command, int threads)
      throws IOException, InterruptedException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("project", project.toAbsolutePath().normalize().toString());
    body.put("command", command);
    body.put("threads", threads);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/api/v1/transform/runs"))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            (PlatformProcess.USER + ":" + PlatformProcess.PASSWORD)
                                .getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    long started = System.nanoTime();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    double seconds = (System.nanoTime() - started) / 1e9;
    String last = response.body().strip().lines().reduce((first, second) -> second).orElse("");
    JsonNode result = JSON.readTree(last).path("result");
    if (response.statusCode() != 200 || !result.path("success").asBoolean()) {
      throw new IllegalStateException(
          "Cannot benchmark " + command + " of " + project + ": " + response.body());
    }
    return seconds;
  }

  /**
   * A project of {@code count} table models: ten roots, then each model reads its predecessor
   * (chains) and, every third model, also one from half-way back (fan-ins).
   */
  private static Path generate(Path project, int count) throws IOException {
    Path models = Files.createDirectories(project.resolve("models"));
    Files.writeString(
        project.resolve("dbt_project.yml"),
        "name: generated\nversion: '1.0'\nconfig-version: 2\n"
            + "models:\n  generated:\n    +materialized: table\n");
    for (int i = 0; i < count; i++) {
      String sql;
      if (i < 10) {
        sql = "select " + i + " as id, 'root " + i + "' as label";
      } else if (i % 3 == 0) {
        sql =
            "select a.id + b.id as id, a.label from {{ ref('m"
                + (i - 1)
                + "') }} as a join {{ ref('m"
                + (i / 2)
                + "') }} as b on true";
      } else {
        sql = "select id + 1 as id, label from {{ ref('m" + (i - 1) + "') }}";
      }
      Files.writeString(models.resolve("m" + i + ".sql"), sql + "\n");
    }
    return project;
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    return to;
  }

  static void delete(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(file);
      }
    }
  }
}

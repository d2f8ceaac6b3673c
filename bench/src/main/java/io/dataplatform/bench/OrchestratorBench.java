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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The orchestration figures of the issue against a running platform ({@code dp up}): the asset
 * graph API over 10,000 declared assets (first and warm), a backfill of 10,000 daily partitions
 * planned and enqueued, and 100 job schedules due in the same minute (from the minute boundary to
 * the start of the last of their runs). There is no Dagster here to run beside it, so each figure
 * is printed with the target and the ratio to it (1.00 or below meets it).
 *
 * <pre>
 * mvn -B -q -DskipTests install
 * mvn -B -q -Pbench -pl bench compile exec:exec@orchestrator
 * </pre>
 */
public final class OrchestratorBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int WARM_REQUESTS = 5;
  private static final String SCHEDULED_JOB = "tick_";
  private static final String BACKFILL_JOB = "daily_load";

  private final PlatformProcess platform;
  private final HttpClient http = HttpClient.newHttpClient();

  private OrchestratorBench(PlatformProcess platform) {
    this.platform = platform;
  }

  public static void main(String[] arguments) throws Exception {
    Path serverJar = Path.of("../server/target/dp-server.jar");
    Path work = Path.of("data/orchestrator");
    int assets = 10_000;
    int partitions = 10_000;
    int schedules = 100;
    for (int i = 0; i < arguments.length; i++) {
      switch (arguments[i]) {
        case "--server-jar" -> serverJar = Path.of(arguments[++i]);
        case "--data" -> work = Path.of(arguments[++i]);
        case "--assets" -> assets = Integer.parseInt(arguments[++i]);
        case "--partitions" -> partitions = Integer.parseInt(arguments[++i]);
        case "--schedules" -> schedules = Integer.parseInt(arguments[++i]);
        default -> throw new IllegalArgumentException("Cannot read argument " + arguments[i]);
      }
    }
    TransformBench.delete(work);
    Path pipelines = Files.createDirectories(work.resolve("pipelines"));
    LocalDate firstDay = writePipelines(pipelines, assets, partitions, schedules);
    Map<String, String> environment =
        Map.of("DP_PIPELINES_DIR", pipelines.toAbsolutePath().normalize().toString());
    try (PlatformProcess platform =
        PlatformProcess.start(serverJar, work.resolve("platform"), environment)) {
      System.out.printf("platform ready in %.1f s%n", platform.startupMillis() / 1000);
      OrchestratorBench bench = new OrchestratorBench(platform);
      bench.assetGraph(assets);
      bench.schedules(schedules);
      bench.backfill(firstDay, partitions);
    }
  }

  /**
   * Writes the pipelines folder: {@code assets.yml} with the declared assets (each depends on its
   * predecessor in a chain of 100 and on the asset at half its index), a daily-partitioned job to
   * backfill, and one every-minute job per schedule. Returns the first day of the partitions.
   */
  private static LocalDate writePipelines(Path folder, int assets, int partitions, int schedules)
      throws IOException {
    StringBuilder declared = new StringBuilder("assets:\n");
    for (int i = 0; i < assets; i++) {
      declared.append("  - key: bench.asset_").append(i).append('\n');
      List<String> dependencies = new ArrayList<>();
      if (i % 100 != 0) {
        dependencies.add("bench.asset_" + (i - 1));
      }
      if (i > 1 && i / 2 != i - 1) {
        dependencies.add("bench.asset_" + (i / 2));
      }
      if (!dependencies.isEmpty()) {
        declared.append("    deps: [").append(String.join(", ", dependencies)).append("]\n");
      }
    }
    Files.writeString(folder.resolve("assets.yml"), declared);
    LocalDate firstDay = LocalDate.now(ZoneOffset.UTC).minusDays(partitions + 1L);
    Files.writeString(
        folder.resolve(BACKFILL_JOB + ".yml"),
        "name: "
            + BACKFILL_JOB
            + "\nsteps:\n  - sleep: 1ms\n    name: load\n    assets: [bench.daily]\n"
            + "partitions: {daily: {start: "
            + firstDay
            + "}}\nbackfill: {max_runs: "
            + partitions
            + "}\n");
    for (int i = 0; i < schedules; i++) {
      Files.writeString(
          folder.resolve(String.format("%s%03d.yml", SCHEDULED_JOB, i)),
          String.format(
              "name: %s%03d%nsteps:%n  - sql: select 1%n    name: one%n"
                  + "schedule: {cron: \"* * * * *\"}%n",
              SCHEDULED_JOB, i));
    }
    return firstDay;
  }

  /** (a) {@code GET /api/v1/assets}: the first request, then the median of warm ones. */
  private void assetGraph(int declared) throws IOException, InterruptedException {
    long started = System.nanoTime();
    JsonNode first = JSON.readTree(send("GET", "/api/v1/assets", null, 200));
    double firstSeconds = seconds(started);
    int count = first.path("assets").size();
    if (count < declared) {
      throw new IllegalStateException(
          "Cannot benchmark the asset graph: the API lists " + count + " of " + declared);
    }
    List<Double> warm = new ArrayList<>();
    for (int i = 0; i < WARM_REQUESTS; i++) {
      started = System.nanoTime();
      send("GET", "/api/v1/assets", null, 200);
      warm.add(seconds(started));
    }
    warm.sort(Double::compare);
    report("asset graph API, " + count + " assets, first", firstSeconds, 1.0);
    report("asset graph API, " + count + " assets, warm", warm.get(warm.size() / 2), 1.0);
  }

  /**
   * (c) Waits for a minute boundary at least 5 s away (so every schedule has been seen before it),
   * then for the runs of that tick to start; reports the boundary to the last start. The schedules
   * are disabled afterwards so they do not compete with the backfill.
   */
  private void schedules(int count) throws IOException, InterruptedException {
    Instant boundary =
        Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
    System.out.printf("waiting for the minute boundary %s%n", boundary);
    long deadline =
        System.nanoTime() + Duration.between(Instant.now(), boundary).plusSeconds(120).toNanos();
    Instant lastStart = null;
    int started = 0;
    while (System.nanoTime() < deadline) {
      Thread.sleep(250);
      if (Instant.now().isBefore(boundary)) {
        continue;
      }
      JsonNode runs = JSON.readTree(send("GET", "/api/v1/runs?limit=" + (count * 3), null, 200));
      started = 0;
      lastStart = null;
      for (JsonNode run : runs.path("runs")) {
        boolean ofThisTick =
            run.path("job").asText().startsWith(SCHEDULED_JOB)
                && run.path("trigger").asText().equals("schedule")
                && !Instant.parse(run.path("createdAt").asText()).isBefore(boundary);
        if (ofThisTick && !run.path("startedAt").isNull()) {
          started++;
          Instant at = Instant.parse(run.path("startedAt").asText());
          lastStart = lastStart == null || at.isAfter(lastStart) ? at : lastStart;
        }
      }
      if (started >= count) {
        break;
      }
    }
    for (int i = 0; i < count; i++) {
      send("POST", String.format("/api/v1/schedules/%s%03d/disable", SCHEDULED_JOB, i), "", 200);
    }
    if (started < count) {
      throw new IllegalStateException(
          "Cannot benchmark schedules: " + started + " of " + count + " runs started in 2 min");
    }
    double seconds = Duration.between(boundary, lastStart).toNanos() / 1e9;
    report(count + " schedules, boundary to last run start", seconds, 5.0);
  }

  /** (b) {@code POST /api/v1/jobs/NAME/backfills} of every partition, one run per partition. */
  private void backfill(LocalDate firstDay, int partitions)
      throws IOException, InterruptedException {
    String body =
        JSON.writeValueAsString(
            Map.of(
                "from", firstDay.toString(), "to", firstDay.plusDays(partitions - 1L).toString()));
    long started = System.nanoTime();
    JsonNode answer =
        JSON.readTree(send("POST", "/api/v1/jobs/" + BACKFILL_JOB + "/backfills", body, 201));
    double seconds = seconds(started);
    if (answer.path("partitions").asInt() != partitions
        || answer.path("runs").asInt() != partitions) {
      throw new IllegalStateException("Cannot benchmark the backfill: it planned " + answer);
    }
    report("backfill of " + partitions + " daily partitions", seconds, 5.0);
  }

  private String send(String method, String path, String body, int expectedStatus)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
            .timeout(Duration.ofMinutes(5))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            (PlatformProcess.USER + ":" + PlatformProcess.PASSWORD)
                                .getBytes(StandardCharsets.UTF_8)));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expectedStatus) {
      throw new IOException(
          "Cannot call "
              + method
              + " "
              + path
              + ": status "
              + response.statusCode()
              + " ("
              + response.body()
              + ")");
    }
    return response.body();
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  private static void report(String name, double seconds, double target) {
    System.out.printf(
        "%-48s %8.3f s   target %.1f s   ratio %.2f%n", name, seconds, target, seconds / target);
  }
}

package io.dataplatform.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataplatform.server.Platform;
import io.dataplatform.server.config.ConfigKey;
import io.dataplatform.server.config.ConfigLoader;
import io.dataplatform.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * {@code dp warm-up}: starts the platform on a temporary data directory, uses each part of it once
 * over its REST API (SQL on an Iceberg table, a small dbt build, the asset graph, the object store,
 * the web UI) and stops. The {@code ./dp} launcher runs it once per build with {@code
 * -XX:ArchiveClassesAtExit}: the classes it loads are kept in a class-data sharing archive that the
 * later starts map instead of loading and verifying them again, which is most of a cold start.
 *
 * <p>It reads neither {@code dp.yml} nor the {@code DP_*} environment, so it never touches the
 * user's data directory or metastore.
 */
@Command(
    name = "warm-up",
    hidden = true,
    description = "Start the platform on a temporary directory, use each part once, and stop.")
public final class WarmUpCommand implements Callable<Integer> {
  private static final String PROJECT = "warm_up";

  @Override
  public Integer call() throws IOException {
    Path directory = Files.createTempDirectory("dp-warm-up");
    try {
      String password = UUID.randomUUID().toString();
      ServerConfig config = config(directory, password);
      writeProject(directory.resolve("projects").resolve(PROJECT));
      Files.createDirectories(directory.resolve("pipelines"));
      try (Platform platform = new Platform(config).start()) {
        exercise(client(platform.httpPort(), password));
      }
      System.out.println("dp: warm-up done");
      return 0;
    } finally {
      deleteRecursively(directory);
    }
  }

  private static ServerConfig config(Path directory, String password) throws IOException {
    Path file = directory.resolve("dp.yml");
    Files.writeString(file, "# warm-up: every setting comes from the command\n");
    Map<ConfigKey, String> settings = new EnumMap<>(ConfigKey.class);
    settings.put(ConfigKey.DATA_DIR, directory.resolve("data").toString());
    settings.put(ConfigKey.HTTP_PORT, "0");
    settings.put(ConfigKey.FLIGHT_PORT, "0");
    settings.put(ConfigKey.S3_PORT, "0");
    settings.put(ConfigKey.ADMIN_PASSWORD, password);
    settings.put(ConfigKey.TRANSFORM_PROJECTS_DIR, directory.resolve("projects").toString());
    settings.put(ConfigKey.PIPELINES_DIR, directory.resolve("pipelines").toString());
    return new ConfigLoader(Map.of()).load(Optional.of(file), settings);
  }

  private static ServerClient client(int httpPort, String password) {
    ClientOptions options = new ClientOptions();
    options.server = "http://127.0.0.1:" + httpPort;
    options.user = "admin";
    options.password = password;
    return new ServerClient(options);
  }

  private static void exercise(ServerClient client) {
    client.get("/api/v1/health");
    client.get("/");
    for (String sql :
        List.of(
            "create schema warm",
            "create table warm.items (id integer, name varchar, price decimal(10, 2), day date)"
                + " partitioned by (month(day))",
            "insert into warm.items values (1, 'a', 1.50, date '2026-01-01'),"
                + " (2, 'b', 2.50, date '2026-01-02')",
            "update warm.items set price = price * 2 where id = 2",
            "delete from warm.items where id = 1",
            "select day, count(*), sum(price) from warm.items where day >= date '2026-01-01'"
                + " group by day order by day",
            "create view warm.priced as select id, price from warm.items",
            "select * from warm.priced")) {
      client.post("/api/v1/sql", Map.of("sql", sql));
    }
    JsonNode build =
        client.postForLastLine(
            "/api/v1/transform/runs", Map.of("project", PROJECT, "command", "build", "threads", 2));
    if (!build.path("result").path("success").asBoolean(false)) {
      throw new IllegalStateException("Cannot warm up: the dbt build failed (" + build + ")");
    }
    client.get("/api/v1/assets");
    client.get("/api/v1/jobs");
    client.get("/api/v1/runs");
    client.get("/api/v1/queries");
    client.get("/api/v1/catalog/namespaces");
    client.get("/api/v1/storage/buckets");
  }

  /** A dbt project with a seed, a view and a table using Jinja loops and refs, and tests. */
  private static void writeProject(Path project) throws IOException {
    write(
        project.resolve("dbt_project.yml"),
        "name: warm_up\nversion: '1.0'\nprofile: dp\nmodels:\n  warm_up:\n"
            + "    +materialized: view\n");
    write(project.resolve("seeds/numbers.csv"), "n,label\n1,one\n2,two\n3,three\n");
    write(
        project.resolve("models/labelled.sql"),
        "{% set kinds = ['odd', 'even'] %}\n"
            + "select n, label,\n"
            + "{% for kind in kinds %}"
            + "  n % 2 = {{ 0 if kind == 'even' else 1 }} as is_{{ kind }}"
            + "{{ ',' if not loop.last }}\n"
            + "{% endfor %}"
            + "from {{ ref('numbers') }}\n");
    write(
        project.resolve("models/totals.sql"),
        "{{ config(materialized='table') }}\n"
            + "select count(*) as numbers, sum(n) as total from {{ ref('labelled') }}\n");
    write(
        project.resolve("models/schema.yml"),
        "version: 2\nmodels:\n  - name: labelled\n    columns:\n      - name: n\n"
            + "        tests: [unique, not_null]\n");
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.delete(path);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}

package io.dataplatform.server.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The demo's files, shipped in the program: the dbt project, the connection and the job. Written to
 * the data directory at every start, so the files a user reads there are the ones running.
 */
public final class DemoFiles {
  /** The demo project's files, relative to its folder. */
  static final List<String> PROJECT =
      List.of(
          "dbt_project.yml",
          "macros/generate_schema_name.sql",
          "macros/order_amount.sql",
          "models/staging/sources.yml",
          "models/staging/schema.yml",
          "models/staging/stg_customers.sql",
          "models/staging/stg_products.sql",
          "models/staging/stg_orders.sql",
          "models/staging/stg_order_items.sql",
          "models/marts/schema.yml",
          "models/marts/fct_orders.sql",
          "models/marts/dim_customers.sql",
          "models/marts/daily_revenue.sql",
          "tests/assert_revenue_matches_orders.sql");

  /** The name of the demo's transform project, connection and job. */
  public static final String PROJECT_NAME = "demo";

  public static final String CONNECTION = "shop";
  public static final String JOB = "shop_pipeline";

  private DemoFiles() {}

  /** Writes the project under {@code projects/demo} and the job under {@code pipelines}. */
  public static void install(Path projects, Path pipelines) {
    for (String file : PROJECT) {
      copy("demo/project/" + file, projects.resolve(PROJECT_NAME).resolve(file));
    }
    copy("demo/pipelines/" + JOB + ".yml", pipelines.resolve(JOB + ".yml"));
  }

  /** The connection file's text, before environment interpolation. */
  public static String connectionYaml() {
    try (InputStream in = resource("demo/connections/" + CONNECTION + ".yml")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copy(String resource, Path target) {
    try (InputStream in = resource(resource)) {
      Files.createDirectories(target.getParent());
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = DemoFiles.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("Cannot find the demo file " + name + " in the program");
    }
    return in;
  }
}

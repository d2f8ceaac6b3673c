package io.dataplatform.transform.project;

import static java.util.Objects.requireNonNull;

/**
 * The target a project runs against: by default the platform's own lakehouse, with the schema (an
 * Iceberg namespace) from {@code profiles.yml} when the project has one.
 */
public record Target(String name, String schema, String type, String database, int threads) {
  public Target {
    requireNonNull(name, "name");
    requireNonNull(schema, "schema");
    requireNonNull(type, "type");
    requireNonNull(database, "database");
  }

  /** The default target: {@code dev} on schema {@code main}. */
  public static Target defaults() {
    return new Target("dev", "main", "duckdb", "dp", 1);
  }
}

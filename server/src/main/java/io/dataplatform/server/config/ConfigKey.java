package io.dataplatform.server.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every configuration key the server knows: its name in {@code dp.yml}, its environment variable,
 * its default and what it means. Keys are kebab-case and dot-namespaced.
 */
public enum ConfigKey {
  DATA_DIR("data-dir", "DP_HOME", "./dp-data", "Data directory: metastore, warehouse, lock file"),
  BIND_HOST("bind-host", "DP_BIND_HOST", "127.0.0.1", "Address every listener binds to"),
  HTTP_PORT("http.port", "DP_HTTP_PORT", "8080", "Port of the web UI, REST API, Iceberg REST"),
  FLIGHT_PORT("flight.port", "DP_FLIGHT_PORT", "32010", "Port of the Arrow Flight SQL endpoint"),
  METASTORE_URL(
      "metastore.url", "DP_METASTORE_URL", "", "JDBC URL of PostgreSQL; empty means embedded H2"),
  METASTORE_USER("metastore.user", "DP_METASTORE_USER", "", "Metastore database user"),
  METASTORE_PASSWORD(
      "metastore.password", "DP_METASTORE_PASSWORD", "", "Metastore database password (secret)"),
  ADMIN_PASSWORD(
      "admin.password",
      "DP_ADMIN_PASSWORD",
      "",
      "Password of user admin at first start; empty means generate one (secret)"),
  SESSION_HOURS("auth.session-hours", "DP_SESSION_HOURS", "12", "Lifetime of a login token"),
  S3_PORT("s3.port", "DP_S3_PORT", "9000", "Port of the S3-compatible object storage API"),
  S3_VIRTUAL_HOST(
      "s3.virtual-host",
      "DP_S3_VIRTUAL_HOST",
      "localhost",
      "Host name under which <bucket>.<name> addresses a bucket (virtual-host style)"),
  S3_ACCESS_KEY(
      "s3.access-key",
      "DP_S3_ACCESS_KEY",
      "",
      "Root S3 access key; empty means the one generated at first start"),
  S3_SECRET_KEY(
      "s3.secret-key",
      "DP_S3_SECRET_KEY",
      "",
      "Root S3 secret key; empty means the one generated at first start (secret)"),
  MASTER_KEY(
      "storage.master-key",
      "DP_MASTER_KEY",
      "",
      "Base64 256-bit key that encrypts stored objects and secrets; empty means the key file"
          + " <data>/storage/master.key, generated at first start (secret)"),
  WAREHOUSE(
      "lakehouse.warehouse",
      "DP_WAREHOUSE",
      "s3://warehouse/",
      "Where tables live: s3://bucket[/prefix] or an absolute local directory"),
  WAREHOUSE_S3_ENDPOINT(
      "lakehouse.s3.endpoint",
      "DP_WAREHOUSE_S3_ENDPOINT",
      "",
      "S3 endpoint of an external store (MinIO, AWS) for the warehouse; empty means the"
          + " platform's own store"),
  WAREHOUSE_S3_ACCESS_KEY(
      "lakehouse.s3.access-key",
      "DP_WAREHOUSE_S3_ACCESS_KEY",
      "",
      "Access key for the external warehouse store"),
  WAREHOUSE_S3_SECRET_KEY(
      "lakehouse.s3.secret-key",
      "DP_WAREHOUSE_S3_SECRET_KEY",
      "",
      "Secret key for the external warehouse store (secret)"),
  WAREHOUSE_S3_REGION(
      "lakehouse.s3.region",
      "DP_WAREHOUSE_S3_REGION",
      "us-east-1",
      "Region of the warehouse store"),
  WAREHOUSE_S3_PATH_STYLE(
      "lakehouse.s3.path-style",
      "DP_WAREHOUSE_S3_PATH_STYLE",
      "true",
      "Address the external store path-style (true, MinIO) or virtual-host style (false, AWS)"),
  CACHE_SIZE(
      "lakehouse.cache-size",
      "DP_CACHE_SIZE",
      "2GB",
      "Local read-through cache of warehouse files on S3, e.g. 512MB or 4GB"),
  INGEST_COMMIT_INTERVAL(
      "ingest.commit-interval",
      "DP_INGEST_COMMIT_INTERVAL",
      "1s",
      "How often incremental and CDC syncs commit to the lake, e.g. 500ms, 1s or 1m"),
  INGEST_CDC_IDLE_STOP(
      "ingest.cdc-idle-stop",
      "DP_INGEST_CDC_IDLE_STOP",
      "5s",
      "How long a sync with CDC streams waits without a change before it ends, e.g. 5s or 5m"),
  INGEST_BATCH_ROWS(
      "ingest.batch-rows",
      "DP_INGEST_BATCH_ROWS",
      "10000",
      "Records per batch asked of source connectors"),
  INGEST_IMPORT_DIRECTORIES(
      "ingest.import-directories",
      "DP_INGEST_IMPORT_DIRECTORIES",
      "",
      "Comma-separated absolute local directories that file sources may read; empty means none"),
  PIPELINES_DIR(
      "orchestrator.pipelines-dir",
      "DP_PIPELINES_DIR",
      "./pipelines",
      "Folder of job YAML files (*.yml) the orchestrator runs"),
  MAX_CONCURRENT_RUNS(
      "orchestrator.max-concurrent-runs",
      "DP_MAX_CONCURRENT_RUNS",
      "4",
      "Job runs executing at once on this server"),
  TRANSFORM_PROJECTS_DIR(
      "transform.projects-dir",
      "DP_PROJECTS_DIR",
      "./projects",
      "Folder whose subfolders are transform (dbt) projects that jobs name by folder name");

  private final String key;
  private final String environmentVariable;
  private final String defaultValue;
  private final String description;

  ConfigKey(String key, String environmentVariable, String defaultValue, String description) {
    this.key = key;
    this.environmentVariable = environmentVariable;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String key() {
    return key;
  }

  public String environmentVariable() {
    return environmentVariable;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  public boolean isSecret() {
    return this == METASTORE_PASSWORD
        || this == ADMIN_PASSWORD
        || this == S3_SECRET_KEY
        || this == MASTER_KEY
        || this == WAREHOUSE_S3_SECRET_KEY;
  }

  public static Optional<ConfigKey> byKey(String key) {
    return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
  }
}

package io.dataplatform.server.config;

import static java.util.Objects.requireNonNull;

import io.dataplatform.metastore.MetastoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The typed configuration of {@code dp up}, parsed once by {@link ConfigLoader}. */
public record ServerConfig(
    Path dataDirectory,
    String bindHost,
    int httpPort,
    int flightPort,
    MetastoreConfig metastore,
    Optional<String> adminPassword,
    Duration sessionLifetime,
    StorageSettings storage,
    WarehouseSettings warehouse,
    IngestSettings ingest,
    OrchestratorSettings orchestrator,
    TransformSettings transform) {
  public ServerConfig {
    requireNonNull(dataDirectory, "dataDirectory");
    requireNonNull(bindHost, "bindHost");
    requireNonNull(metastore, "metastore");
    requireNonNull(adminPassword, "adminPassword");
    requireNonNull(sessionLifetime, "sessionLifetime");
    requireNonNull(storage, "storage");
    requireNonNull(warehouse, "warehouse");
    requireNonNull(ingest, "ingest");
    requireNonNull(orchestrator, "orchestrator");
    requireNonNull(transform, "transform");
  }

  /** Where the embedded object store keeps objects, access keys and its master key file. */
  public Path storageDirectory() {
    return dataDirectory.resolve("storage");
  }

  /** The local read-through cache of warehouse files kept on S3. */
  public Path cacheDirectory() {
    return dataDirectory.resolve("cache");
  }

  @Override
  public String toString() {
    return "ServerConfig[data="
        + dataDirectory
        + ", bind="
        + bindHost
        + ", http="
        + httpPort
        + ", flight="
        + flightPort
        + ", "
        + metastore
        + ", "
        + storage
        + ", "
        + warehouse
        + ", "
        + orchestrator
        + "]";
  }
}

package io.dataplatform.server;

import io.dataplatform.lakehouse.io.LocalWarehouse;
import io.dataplatform.lakehouse.io.S3Warehouse;
import io.dataplatform.lakehouse.io.Warehouse;
import io.dataplatform.server.config.ServerConfig;
import io.dataplatform.server.config.WarehouseSettings;
import io.dataplatform.storage.S3Credentials;
import io.dataplatform.storage.StorageConfig;
import io.dataplatform.storage.StorageService;
import io.dataplatform.storage.disk.MasterKey;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How {@code dp up} builds the object store and points the lakehouse at it: the embedded store
 * holds the lake unless an external S3 endpoint is configured.
 */
final class StoragePlatform {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(StoragePlatform.class);

  private StoragePlatform() {}

  /** Starts the embedded object store and makes sure the warehouse bucket exists in it. */
  static StorageService start(ServerConfig config, long startedNanos) {
    var settings = config.storage();
    Path root = config.storageDirectory();
    MasterKey masterKey =
        settings
            .masterKey()
            .map(MasterKey::fromBase64)
            .orElseGet(() -> MasterKey.loadOrGenerate(root.resolve("master.key")));
    Optional<S3Credentials> configuredRoot =
        settings.accessKey().map(key -> new S3Credentials(key, settings.secretKey().orElseThrow()));
    StorageService storage =
        StorageService.start(
            new StorageConfig(config.bindHost(), settings.port(), settings.virtualHost(), root),
            masterKey,
            configuredRoot);
    try {
      WarehouseSettings warehouse = config.warehouse();
      if (warehouse.onS3()
          && warehouse.externalEndpoint().isEmpty()
          && !storage.bucketExists(warehouse.bucket())) {
        storage.createBucket(warehouse.bucket());
      }
    } catch (RuntimeException e) {
      storage.close();
      throw e;
    }
    LOG.info("object storage started after {} ms", (System.nanoTime() - startedNanos) / 1_000_000);
    return storage;
  }

  /** Where the lakehouse keeps its tables. */
  static Warehouse warehouse(ServerConfig config, StorageService storage) {
    WarehouseSettings settings = config.warehouse();
    if (!settings.onS3()) {
      return new LocalWarehouse(Path.of(settings.location()));
    }
    S3Credentials credentials = credentials(settings, storage);
    S3Warehouse warehouse =
        S3Warehouse.of(
                settings.location(),
                endpoint(settings, storage),
                credentials.accessKeyId(),
                credentials.secretKey(),
                config.cacheDirectory())
            .withRegion(settings.region())
            .withAddressing(
                settings.pathStyle()
                    ? S3Warehouse.Addressing.PATH
                    : S3Warehouse.Addressing.VIRTUAL_HOST)
            .withCacheMaxBytes(settings.cacheBytes());
    // the embedded store runs in this process: the lakehouse reads and writes it directly
    return settings.externalEndpoint().isEmpty()
        ? warehouse.withInProcess(new StoreObjects(storage))
        : warehouse;
  }

  /**
   * What the Iceberg REST catalog tells engines such as Spark: the warehouse and, for a lake on S3,
   * how to reach its store.
   */
  static Map<String, String> catalogProperties(ServerConfig config, StorageService storage) {
    WarehouseSettings settings = config.warehouse();
    Map<String, String> properties = new LinkedHashMap<>();
    if (!settings.onS3()) {
      properties.put("warehouse", Path.of(settings.location()).toUri().toString());
      return properties;
    }
    S3Credentials credentials = credentials(settings, storage);
    properties.put("warehouse", settings.location());
    properties.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
    properties.put("s3.endpoint", endpoint(settings, storage).toString());
    properties.put("s3.path-style-access", Boolean.toString(settings.pathStyle()));
    properties.put("s3.access-key-id", credentials.accessKeyId());
    properties.put("s3.secret-access-key", credentials.secretKey());
    properties.put("client.region", settings.region());
    return properties;
  }

  private static URI endpoint(WarehouseSettings settings, StorageService storage) {
    return settings.externalEndpoint().orElseGet(storage::endpoint);
  }

  private static S3Credentials credentials(WarehouseSettings settings, StorageService storage) {
    if (settings.externalEndpoint().isPresent()) {
      return new S3Credentials(settings.accessKey(), settings.secretKey());
    }
    return storage.rootCredentials().credentials();
  }
}

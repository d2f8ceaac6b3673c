package io.dataplatform.server.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Optional;

/**
 * Where the lakehouse keeps its tables.
 *
 * @param location {@code s3://bucket[/prefix]} or an absolute local directory ({@code
 *     lakehouse.warehouse})
 * @param externalEndpoint the S3 endpoint of an external store; empty means the platform's own
 *     store ({@code lakehouse.s3.endpoint})
 * @param accessKey access key for the external store ({@code lakehouse.s3.access-key})
 * @param secretKey secret key for the external store ({@code lakehouse.s3.secret-key})
 * @param region region of the store ({@code lakehouse.s3.region})
 * @param pathStyle whether the external store is addressed path-style ({@code
 *     lakehouse.s3.path-style})
 * @param cacheBytes size bound of the local read-through cache ({@code lakehouse.cache-size})
 */
public record WarehouseSettings(
    String location,
    Optional<URI> externalEndpoint,
    String accessKey,
    String secretKey,
    String region,
    boolean pathStyle,
    long cacheBytes) {
  public WarehouseSettings {
    requireNonNull(location, "location");
    requireNonNull(externalEndpoint, "externalEndpoint");
    requireNonNull(accessKey, "accessKey");
    requireNonNull(secretKey, "secretKey");
    requireNonNull(region, "region");
  }

  /** Whether tables live in an S3 bucket rather than in a local directory. */
  public boolean onS3() {
    return location.startsWith("s3://");
  }

  /** The bucket of an S3 location. */
  public String bucket() {
    String rest = location.substring("s3://".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  @Override
  public String toString() {
    return "WarehouseSettings[location="
        + location
        + ", endpoint="
        + externalEndpoint.map(URI::toString).orElse("(embedded store)")
        + ", accessKey="
        + accessKey
        + ", secretKey="
        + (secretKey.isEmpty() ? "" : "****")
        + ", region="
        + region
        + ", pathStyle="
        + pathStyle
        + ", cacheBytes="
        + cacheBytes
        + "]";
  }
}

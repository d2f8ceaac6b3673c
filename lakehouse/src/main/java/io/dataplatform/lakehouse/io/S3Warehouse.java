package io.dataplatform.lakehouse.io;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A warehouse on an S3-compatible store (the platform's own, MinIO or AWS). Iceberg reads and
 * writes it through its S3 FileIO; DuckDB reads data files through a size-bounded local cache.
 *
 * @param location {@code s3://bucket} or {@code s3://bucket/prefix} ({@code lakehouse.warehouse})
 * @param endpoint the S3 endpoint, e.g. {@code http://127.0.0.1:9000} ({@code
 *     lakehouse.s3.endpoint})
 * @param accessKey the access key id ({@code lakehouse.s3.access-key})
 * @param secretKey the secret access key ({@code lakehouse.s3.secret-key}); secret, never shown
 * @param region the signing region ({@code lakehouse.s3.region}, default {@code us-east-1})
 * @param addressing how buckets are addressed ({@code lakehouse.s3.path-style}, default path style)
 * @param cacheDirectory the local directory of the read-through cache and of files being written
 *     ({@code lakehouse.cache.directory}, default {@code <data>/lake-cache})
 * @param cacheMaxBytes the cache's size bound ({@code lakehouse.cache.max-bytes}, default 2 GiB)
 * @param inProcess direct access to the store when it runs in this process (the platform's own),
 *     used instead of its S3 API for the lakehouse's own reads and writes; engines such as Spark
 *     still use the endpoint
 */
public record S3Warehouse(
    String location,
    URI endpoint,
    String accessKey,
    String secretKey,
    String region,
    Addressing addressing,
    Path cacheDirectory,
    long cacheMaxBytes,
    Optional<LakeObjects> inProcess)
    implements Warehouse {
  /** The default region. */
  public static final String DEFAULT_REGION = "us-east-1";

  /** The default size bound of the read-through cache: 2 GiB. */
  public static final long DEFAULT_CACHE_MAX_BYTES = 2L << 30;

  /** The smallest accepted cache bound: 1 MiB. */
  public static final long MIN_CACHE_MAX_BYTES = 1L << 20;

  /** How requests name the bucket. */
  public enum Addressing {
    /** {@code http://endpoint/bucket/key}: MinIO, s3proxy and most self-hosted stores. */
    PATH,
    /** {@code http://bucket.endpoint/key}: AWS's default. */
    VIRTUAL_HOST
  }

  public S3Warehouse {
    requireNonNull(location, "location");
    requireNonNull(endpoint, "endpoint");
    requireNonNull(accessKey, "accessKey");
    requireNonNull(secretKey, "secretKey");
    requireNonNull(region, "region");
    requireNonNull(addressing, "addressing");
    requireNonNull(cacheDirectory, "cacheDirectory");
    requireNonNull(inProcess, "inProcess");
    location = normalizeLocation(location);
    checkEndpoint(endpoint);
    if (accessKey.isBlank()) {
      throw invalid("the S3 access key is empty (" + location + ")");
    }
    if (secretKey.isEmpty()) {
      throw invalid("the S3 secret key is empty (" + location + ")");
    }
    if (!region.matches("[a-z0-9-]+")) {
      throw invalid("the S3 region must look like us-east-1 (" + region + ")");
    }
    cacheDirectory = cacheDirectory.toAbsolutePath().normalize();
    if (cacheMaxBytes < MIN_CACHE_MAX_BYTES) {
      throw invalid(
          "the cache must hold at least " + MIN_CACHE_MAX_BYTES + " bytes (" + cacheMaxBytes + ")");
    }
  }

  /**
   * A warehouse with the default region, path-style addressing and cache size.
   *
   * @param location {@code s3://bucket/prefix}
   */
  public static S3Warehouse of(
      String location, URI endpoint, String accessKey, String secretKey, Path cacheDirectory) {
    return new S3Warehouse(
        location,
        endpoint,
        accessKey,
        secretKey,
        DEFAULT_REGION,
        Addressing.PATH,
        cacheDirectory,
        DEFAULT_CACHE_MAX_BYTES,
        Optional.empty());
  }

  /** This warehouse in another region. */
  public S3Warehouse withRegion(String newRegion) {
    return new S3Warehouse(
        location,
        endpoint,
        accessKey,
        secretKey,
        newRegion,
        addressing,
        cacheDirectory,
        cacheMaxBytes,
        inProcess);
  }

  /** This warehouse with another bucket addressing style. */
  public S3Warehouse withAddressing(Addressing newAddressing) {
    return new S3Warehouse(
        location,
        endpoint,
        accessKey,
        secretKey,
        region,
        newAddressing,
        cacheDirectory,
        cacheMaxBytes,
        inProcess);
  }

  /** This warehouse with another cache size bound. */
  public S3Warehouse withCacheMaxBytes(long newCacheMaxBytes) {
    return new S3Warehouse(
        location,
        endpoint,
        accessKey,
        secretKey,
        region,
        addressing,
        cacheDirectory,
        newCacheMaxBytes,
        inProcess);
  }

  /** This warehouse reached in this process through {@code objects} (its store runs here). */
  public S3Warehouse withInProcess(LakeObjects objects) {
    return new S3Warehouse(
        location,
        endpoint,
        accessKey,
        secretKey,
        region,
        addressing,
        cacheDirectory,
        cacheMaxBytes,
        Optional.of(objects));
  }

  /** The bucket of the location. */
  public String bucket() {
    String rest = location.substring("s3://".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  /** The key prefix of the location, without slashes at either end; empty for a whole bucket. */
  public String prefix() {
    String rest = location.substring("s3://".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? "" : rest.substring(slash + 1);
  }

  @Override
  public String toString() {
    return "S3Warehouse[location="
        + location
        + ", endpoint="
        + endpoint
        + ", accessKey="
        + accessKey
        + ", secretKey=****, region="
        + region
        + ", addressing="
        + addressing
        + ", cacheDirectory="
        + cacheDirectory
        + ", cacheMaxBytes="
        + cacheMaxBytes
        + ", inProcess="
        + inProcess.isPresent()
        + "]";
  }

  private static String normalizeLocation(String location) {
    if (!location.startsWith("s3://")) {
      throw invalid("the warehouse location must start with s3:// (" + location + ")");
    }
    String rest = location.substring("s3://".length());
    while (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw invalid(
          "the bucket name must be 3 to 63 lowercase letters, digits, dots or hyphens ("
              + location
              + ")");
    }
    if (slash >= 0 && (rest.contains("//") || rest.substring(slash + 1).isEmpty())) {
      throw invalid("the warehouse prefix has an empty path segment (" + location + ")");
    }
    return "s3://" + rest;
  }

  private static void checkEndpoint(URI endpoint) {
    String scheme =
        endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null) {
      throw invalid("the S3 endpoint must be an http or https URL (" + endpoint + ")");
    }
    if (endpoint.getUserInfo() != null) {
      throw invalid(
          "the S3 endpoint must not carry credentials; set the access and secret keys ("
              + endpoint.getHost()
              + ")");
    }
  }

  private static DpException invalid(String reason) {
    return new DpException(
        StandardErrorCode.INVALID_CONFIGURATION, "Cannot configure lakehouse: " + reason);
  }
}

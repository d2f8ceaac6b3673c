package io.dataplatform.api.connector;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the platform, not the user, decides for every connector: which local directories files may
 * be imported from, and how to reach the platform's own object store.
 *
 * @param importDirectories the only local directories a file source may read; empty: none
 * @param platformS3 the platform's S3 endpoint and credentials, for sources that read its buckets
 *     when the user gives no endpoint of their own
 */
public record ConnectorContext(List<Path> importDirectories, Optional<S3Access> platformS3) {
  /** No import directories and no platform object store. */
  public static final ConnectorContext NONE = new ConnectorContext(List.of(), Optional.empty());

  public ConnectorContext {
    importDirectories = List.copyOf(importDirectories);
    requireNonNull(platformS3, "platformS3");
  }

  /** An S3 endpoint with a key pair. Never printed with its secret. */
  public record S3Access(URI endpoint, String region, String accessKey, String secretKey) {
    public S3Access {
      requireNonNull(endpoint, "endpoint");
      requireNonNull(region, "region");
      requireNonNull(accessKey, "accessKey");
      requireNonNull(secretKey, "secretKey");
    }

    @Override
    public String toString() {
      return "S3Access[" + endpoint + ", " + region + ", " + accessKey + "]";
    }
  }
}

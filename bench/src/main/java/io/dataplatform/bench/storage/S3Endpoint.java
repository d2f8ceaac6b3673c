package io.dataplatform.bench.storage;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/** An S3-compatible endpoint and the access key the benchmark signs its requests with. */
record S3Endpoint(URI uri, String accessKey, String secretKey) {
  S3Endpoint {
    requireNonNull(uri, "uri");
    requireNonNull(accessKey, "accessKey");
    requireNonNull(secretKey, "secretKey");
  }

  @Override
  public String toString() {
    return uri + " (access key " + accessKey + ")";
  }
}

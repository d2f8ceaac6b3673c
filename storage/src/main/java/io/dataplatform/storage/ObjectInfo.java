package io.dataplatform.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What is known of one stored object (one version of it, on a versioned bucket). */
public record ObjectInfo(
    String bucket,
    String key,
    Optional<String> versionId,
    long size,
    String etag,
    String contentType,
    Instant lastModified,
    Map<String, String> userMetadata,
    Optional<String> serverSideEncryption) {
  public ObjectInfo {
    requireNonNull(bucket, "bucket");
    requireNonNull(key, "key");
    requireNonNull(versionId, "versionId");
    requireNonNull(etag, "etag");
    requireNonNull(contentType, "contentType");
    requireNonNull(lastModified, "lastModified");
    userMetadata = Map.copyOf(requireNonNull(userMetadata, "userMetadata"));
    requireNonNull(serverSideEncryption, "serverSideEncryption");
  }
}

package io.dataplatform.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One version of an object, or a delete marker ({@code deleteMarker}, then size 0 and no ETag).
 *
 * @param latest whether this is the current version of the key
 */
public record ObjectVersionSummary(
    String key,
    String versionId,
    boolean latest,
    boolean deleteMarker,
    long size,
    String etag,
    Instant lastModified) {
  public ObjectVersionSummary {
    requireNonNull(key, "key");
    requireNonNull(versionId, "versionId");
    requireNonNull(etag, "etag");
    requireNonNull(lastModified, "lastModified");
  }
}

package io.dataplatform.storage.disk;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One committed change to an object: a version (or a multipart or copy result) became visible, or a
 * version or the current object was removed (a delete marker counts as a removal).
 *
 * @param size the object's size in bytes; zero for removals
 * @param etag the quoted ETag of the created version; empty for removals
 */
public record ObjectEvent(
    Type type,
    String bucket,
    String key,
    Optional<String> versionId,
    long size,
    String etag,
    Instant time) {
  /** What happened to the object. */
  public enum Type {
    CREATED,
    REMOVED
  }

  public ObjectEvent {
    requireNonNull(type, "type");
    requireNonNull(bucket, "bucket");
    requireNonNull(key, "key");
    requireNonNull(versionId, "versionId");
    requireNonNull(etag, "etag");
    requireNonNull(time, "time");
  }
}

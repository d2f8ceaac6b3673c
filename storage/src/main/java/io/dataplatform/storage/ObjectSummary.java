package io.dataplatform.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** An object as listed: its key, size, quoted ETag and last modification. */
public record ObjectSummary(String key, long size, String etag, Instant lastModified) {
  public ObjectSummary {
    requireNonNull(key, "key");
    requireNonNull(etag, "etag");
    requireNonNull(lastModified, "lastModified");
  }
}

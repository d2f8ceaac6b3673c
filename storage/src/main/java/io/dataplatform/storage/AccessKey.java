package io.dataplatform.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A user access key as listed: never its secret. */
public record AccessKey(String accessKeyId, String description, Instant createdAt) {
  public AccessKey {
    requireNonNull(accessKeyId, "accessKeyId");
    requireNonNull(description, "description");
    requireNonNull(createdAt, "createdAt");
  }
}

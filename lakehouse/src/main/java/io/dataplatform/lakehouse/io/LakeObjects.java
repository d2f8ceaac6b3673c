package io.dataplatform.lakehouse.io;

import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Direct access to the object store that holds the warehouse, for a store that runs in the same
 * process (the platform's own). The lakehouse then reads and writes the lake without HTTP, request
 * signing and the S3 client, with the same objects and semantics (ETags, versions, encryption at
 * rest, object events) as a client of the store's S3 API gets. Implementations are thread-safe.
 */
public interface LakeObjects {
  /** The current version's length in bytes; empty when there is no such object. */
  OptionalLong length(String bucket, String key);

  /** The current version's bytes from the start; empty when there is no such object. */
  Optional<InputStream> open(String bucket, String key);

  /** Stores an object of {@code length} bytes read from {@code body}; visible once it returns. */
  void put(String bucket, String key, InputStream body, long length);

  /** Deletes the current object; nothing happens when there is none. */
  void delete(String bucket, String key);
}

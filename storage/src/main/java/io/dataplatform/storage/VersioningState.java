package io.dataplatform.storage;

/** The versioning state of a bucket, as S3 defines it. */
public enum VersioningState {
  /** Versioning was never enabled: a write replaces the object. */
  UNVERSIONED,
  /** Every write keeps the previous version; deletes write delete markers. */
  ENABLED,
  /** Earlier versions are kept, new writes replace the "null" version. */
  SUSPENDED
}

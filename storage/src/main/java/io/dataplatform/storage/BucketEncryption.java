package io.dataplatform.storage;

/** The default encryption of new objects in a bucket. */
public enum BucketEncryption {
  /** Objects are stored as sent unless a request asks for encryption. */
  NONE,
  /** Objects are encrypted with keys the store manages (SSE-S3, AES256). */
  SSE_S3
}

package io.dataplatform.storage.disk;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * A bucket's configuration, kept in {@code bucket.properties} inside the bucket directory.
 *
 * @param versioning empty while versioning was never enabled (S3's "Unversioned" state)
 * @param defaultEncryption whether objects written without an encryption header are encrypted
 * @param acl the canned ACL, "private" or "public-read"
 */
record BucketSettings(
    Instant created,
    Optional<BucketVersioningStatus> versioning,
    boolean defaultEncryption,
    String acl) {
  static final String FILE_NAME = "bucket.properties";

  BucketSettings {
    requireNonNull(created, "created");
    requireNonNull(versioning, "versioning");
    requireNonNull(acl, "acl");
  }

  static BucketSettings createdNow(String acl) {
    return new BucketSettings(Instant.now(), Optional.empty(), false, acl);
  }

  boolean versioningEnabled() {
    return versioning.equals(Optional.of(BucketVersioningStatus.ENABLED));
  }

  BucketSettings withVersioning(BucketVersioningStatus status) {
    return new BucketSettings(created, Optional.of(status), defaultEncryption, acl);
  }

  BucketSettings withDefaultEncryption(boolean enabled) {
    return new BucketSettings(created, versioning, enabled, acl);
  }

  BucketSettings withAcl(String newAcl) {
    return new BucketSettings(created, versioning, defaultEncryption, newAcl);
  }

  static BucketSettings read(Path bucketDirectory) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(bucketDirectory.resolve(FILE_NAME))) {
      properties.load(in);
    }
    String versioning = properties.getProperty("versioning");
    return new BucketSettings(
        Instant.ofEpochMilli(Long.parseLong(properties.getProperty("created"))),
        Optional.ofNullable(versioning).map(BucketVersioningStatus::fromValue),
        Boolean.parseBoolean(properties.getProperty("default-encryption", "false")),
        properties.getProperty("acl", "private"));
  }

  /** Replaces the settings file atomically: temporary file, fsync, rename, fsync directory. */
  void write(Path bucketDirectory, Path temporaryDirectory) throws IOException {
    Properties properties = new Properties();
    properties.setProperty("created", Long.toString(created.toEpochMilli()));
    versioning.ifPresent(status -> properties.setProperty("versioning", status.toString()));
    properties.setProperty("default-encryption", Boolean.toString(defaultEncryption));
    properties.setProperty("acl", acl);
    Path temporary = Files.createTempFile(temporaryDirectory, "bucket-", ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temporary)) {
        properties.store(out, null);
      }
      Durability.fsync(temporary);
      Durability.commit(temporary, bucketDirectory.resolve(FILE_NAME));
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}

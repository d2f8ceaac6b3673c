package io.dataplatform.storage;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/** Bucket operations of {@link StorageService}, thin over the store. */
final class BucketOperations {
  private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  private static final String NO_ENCRYPTION_CONFIGURED =
      "ServerSideEncryptionConfigurationNotFoundError";

  private final BlobStore store;

  BucketOperations(BlobStore store) {
    this.store = requireNonNull(store, "store");
  }

  List<BucketSummary> list() {
    List<BucketSummary> buckets = new ArrayList<>();
    for (Bucket bucket : StoreErrors.call("list buckets", store::list).buckets()) {
      Instant created = bucket.creationDate() == null ? Instant.EPOCH : bucket.creationDate();
      buckets.add(new BucketSummary(bucket.name(), created));
    }
    return List.copyOf(buckets);
  }

  boolean exists(String bucket) {
    return StoreErrors.call("check bucket " + bucket, () -> store.containerExists(bucket));
  }

  void create(String bucket) {
    validate(bucket);
    StoreErrors.run(
        "create bucket " + bucket,
        () -> store.createContainer(CreateBucketRequest.builder().bucket(bucket).build()));
  }

  void createMissing(List<String> names) {
    for (String name : names) {
      if (!exists(name)) {
        create(name);
      }
    }
  }

  void delete(String bucket) {
    StoreErrors.run("delete bucket " + bucket, () -> store.deleteBucket(bucket));
  }

  VersioningState versioning(String bucket) {
    requireExisting(bucket, "read versioning of bucket");
    if (!store.supportsVersioning()) {
      return VersioningState.UNVERSIONED;
    }
    BucketVersioningStatus status =
        StoreErrors.call(
            "read versioning of bucket " + bucket, () -> store.getBucketVersioning(bucket));
    if (status == BucketVersioningStatus.ENABLED) {
      return VersioningState.ENABLED;
    }
    return status == BucketVersioningStatus.SUSPENDED
        ? VersioningState.SUSPENDED
        : VersioningState.UNVERSIONED;
  }

  void setVersioning(String bucket, VersioningState state) {
    requireNonNull(state, "state");
    BucketVersioningStatus status =
        switch (state) {
          case ENABLED -> BucketVersioningStatus.ENABLED;
          case SUSPENDED -> BucketVersioningStatus.SUSPENDED;
          case UNVERSIONED ->
              throw DpException.user(
                  "Cannot set versioning of bucket: a bucket can only be ENABLED or SUSPENDED (%s)"
                      .formatted(bucket));
        };
    requireExisting(bucket, "set versioning of bucket");
    StoreErrors.run(
        "set versioning of bucket " + bucket, () -> store.putBucketVersioning(bucket, status));
  }

  BucketEncryption encryption(String bucket) {
    requireExisting(bucket, "read encryption of bucket");
    if (!store.supportsBucketEncryption()) {
      return BucketEncryption.NONE;
    }
    ServerSideEncryptionConfiguration configuration;
    try {
      configuration = store.getBucketEncryption(bucket);
    } catch (AwsServiceException e) {
      if (NO_ENCRYPTION_CONFIGURED.equals(S3Exceptions.errorCode(e))) {
        return BucketEncryption.NONE;
      }
      throw StoreErrors.translate("read encryption of bucket " + bucket, e);
    }
    if (configuration == null || !configuration.hasRules()) {
      return BucketEncryption.NONE;
    }
    for (ServerSideEncryptionRule rule : configuration.rules()) {
      ServerSideEncryptionByDefault byDefault = rule.applyServerSideEncryptionByDefault();
      if (byDefault != null && byDefault.sseAlgorithm() == ServerSideEncryption.AES256) {
        return BucketEncryption.SSE_S3;
      }
    }
    return BucketEncryption.NONE;
  }

  void setEncryption(String bucket, BucketEncryption encryption) {
    requireNonNull(encryption, "encryption");
    requireExisting(bucket, "set encryption of bucket");
    String action = "set encryption of bucket " + bucket;
    if (encryption == BucketEncryption.NONE) {
      StoreErrors.run(action, () -> store.deleteBucketEncryption(bucket));
      return;
    }
    var configuration =
        ServerSideEncryptionConfiguration.builder()
            .rules(
                ServerSideEncryptionRule.builder()
                    .applyServerSideEncryptionByDefault(
                        ServerSideEncryptionByDefault.builder()
                            .sseAlgorithm(ServerSideEncryption.AES256)
                            .build())
                    .build())
            .build();
    StoreErrors.run(action, () -> store.putBucketEncryption(bucket, configuration));
  }

  private void requireExisting(String bucket, String action) {
    if (!exists(bucket)) {
      throw new DpException(
          StorageErrorCode.BUCKET_NOT_FOUND,
          "Cannot %s: no such bucket (%s)".formatted(action, bucket));
    }
  }

  static void validate(String bucket) {
    requireNonNull(bucket, "bucket");
    if (!BUCKET_NAME.matcher(bucket).matches()) {
      throw StorageService.bucketNameError(
          bucket, "use 3 to 63 lowercase letters, digits, dots and hyphens");
    }
    if (bucket.contains("..") || bucket.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
      throw StorageService.bucketNameError(bucket, "no adjacent dots and no IP address form");
    }
  }
}

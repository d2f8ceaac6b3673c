package io.dataplatform.storage.disk;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DeleteBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.PutBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.PutBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/** Bucket versioning and default-encryption configuration, as the BlobStore contract asks. */
abstract class BucketConfigurations {
  private final StoreContext context;

  BucketConfigurations(StoreContext context) {
    this.context = requireNonNull(context, "context");
  }

  public boolean supportsVersioning() {
    return true;
  }

  public GetBucketVersioningResponse getBucketVersioning(GetBucketVersioningRequest request) {
    return GetBucketVersioningResponse.builder()
        .status(context.settings(request.bucket()).versioning().orElse(null))
        .build();
  }

  public PutBucketVersioningResponse putBucketVersioning(PutBucketVersioningRequest request) {
    BucketVersioningStatus status =
        request.versioningConfiguration() == null
            ? null
            : request.versioningConfiguration().status();
    if (status != BucketVersioningStatus.ENABLED && status != BucketVersioningStatus.SUSPENDED) {
      throw StorageErrors.error(
          400,
          "MalformedXML",
          "Cannot set bucket versioning: the status must be Enabled or Suspended (%s)"
              .formatted(request.bucket()));
    }
    updateSettings(request.bucket(), settings -> settings.withVersioning(status));
    return PutBucketVersioningResponse.builder().build();
  }

  public boolean supportsBucketEncryption() {
    return true;
  }

  public boolean supportsServerSideEncryption() {
    return true;
  }

  public GetBucketEncryptionResponse getBucketEncryption(GetBucketEncryptionRequest request) {
    if (!context.settings(request.bucket()).defaultEncryption()) {
      throw StorageErrors.error(
          404,
          "ServerSideEncryptionConfigurationNotFoundError",
          "Cannot read bucket encryption: none is configured (%s)".formatted(request.bucket()));
    }
    var rule =
        ServerSideEncryptionRule.builder()
            .applyServerSideEncryptionByDefault(
                ServerSideEncryptionByDefault.builder()
                    .sseAlgorithm(ServerSideEncryption.AES256)
                    .build())
            .bucketKeyEnabled(false)
            .build();
    return GetBucketEncryptionResponse.builder()
        .serverSideEncryptionConfiguration(
            ServerSideEncryptionConfiguration.builder().rules(rule).build())
        .build();
  }

  public PutBucketEncryptionResponse putBucketEncryption(PutBucketEncryptionRequest request) {
    ServerSideEncryptionConfiguration configuration = request.serverSideEncryptionConfiguration();
    boolean valid =
        configuration != null
            && configuration.rules().size() == 1
            && configuration.rules().get(0).applyServerSideEncryptionByDefault() != null
            && configuration.rules().get(0).applyServerSideEncryptionByDefault().sseAlgorithm()
                == ServerSideEncryption.AES256;
    if (!valid) {
      throw StorageErrors.error(
          400,
          "MalformedXML",
          "Cannot set bucket encryption: only one AES256 default rule is supported (%s)"
              .formatted(request.bucket()));
    }
    updateSettings(request.bucket(), settings -> settings.withDefaultEncryption(true));
    return PutBucketEncryptionResponse.builder().build();
  }

  public DeleteBucketEncryptionResponse deleteBucketEncryption(
      DeleteBucketEncryptionRequest request) {
    updateSettings(request.bucket(), settings -> settings.withDefaultEncryption(false));
    return DeleteBucketEncryptionResponse.builder().build();
  }

  /** Reads, changes and atomically rewrites a bucket's settings. */
  synchronized void updateSettings(String bucket, UnaryOperator<BucketSettings> change) {
    BucketSettings updated = change.apply(context.settings(bucket));
    try {
      updated.write(context.existingBucket(bucket), context.temporaryDirectory());
      context.bucketChanged(bucket);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot update bucket settings: the file system refused (%s)".formatted(bucket), e);
    }
  }
}

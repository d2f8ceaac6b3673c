package io.dataplatform.storage;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** Multipart uploads through the store, for clients of the platform's own API (the console). */
final class UploadOperations {
  private static final int MAX_PARTS = 10_000;
  private final BlobStore store;
  private final ObjectOperations objects;

  UploadOperations(BlobStore store, ObjectOperations objects) {
    this.store = requireNonNull(store, "store");
    this.objects = requireNonNull(objects, "objects");
  }

  String start(String bucket, String key, String contentType) {
    CreateMultipartUploadRequest request =
        CreateMultipartUploadRequest.builder()
            .bucket(bucket)
            .key(key)
            .contentType(
                contentType == null || contentType.isBlank()
                    ? "application/octet-stream"
                    : contentType)
            .build();
    MultipartUpload upload =
        StoreErrors.call(
            "start an upload of %s/%s".formatted(bucket, key),
            () -> store.initiateMultipartUpload(request));
    return upload.id();
  }

  String uploadPart(
      String bucket, String key, String uploadId, int partNumber, InputStream body, long length) {
    requireNonNull(body, "body");
    if (partNumber < 1 || partNumber > MAX_PARTS) {
      throw DpException.user(
          "Cannot upload part: the part number must be from 1 to %d (%d)"
              .formatted(MAX_PARTS, partNumber));
    }
    UploadPartRequest request =
        UploadPartRequest.builder()
            .bucket(bucket)
            .key(key)
            .uploadId(uploadId)
            .partNumber(partNumber)
            .contentLength(length)
            .build();
    return StoreErrors.call(
            "upload part %d of %s/%s".formatted(partNumber, bucket, key),
            () -> store.uploadMultipartPart(upload(bucket, key, uploadId), request, body))
        .eTag();
  }

  ObjectInfo complete(String bucket, String key, String uploadId, List<UploadedPart> parts) {
    CompleteMultipartUploadRequest request =
        CompleteMultipartUploadRequest.builder()
            .bucket(bucket)
            .key(key)
            .uploadId(uploadId)
            .multipartUpload(
                CompletedMultipartUpload.builder()
                    .parts(
                        parts.stream()
                            .map(
                                part ->
                                    CompletedPart.builder()
                                        .partNumber(part.partNumber())
                                        .eTag(part.etag())
                                        .build())
                            .toList())
                    .build())
            .build();
    CompleteMultipartUploadResponse response =
        StoreErrors.call(
            "complete the upload of %s/%s".formatted(bucket, key),
            () -> store.completeMultipartUpload(upload(bucket, key, uploadId), request));
    return objects.written(bucket, key, Optional.ofNullable(response.versionId()));
  }

  void abort(String bucket, String key, String uploadId) {
    StoreErrors.run(
        "abort the upload of %s/%s".formatted(bucket, key),
        () -> store.abortMultipartUpload(upload(bucket, key, uploadId)));
  }

  private static MultipartUpload upload(String bucket, String key, String uploadId) {
    return new MultipartUpload(
        uploadId, CreateMultipartUploadRequest.builder().bucket(bucket).key(key).build());
  }
}

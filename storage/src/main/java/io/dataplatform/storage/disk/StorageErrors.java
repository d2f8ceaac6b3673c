package io.dataplatform.storage.disk;

import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 errors the disk store raises. Each carries the HTTP status and S3 error code the protocol
 * layer answers with, and a message in the platform's "Cannot X: reason (values)" form.
 */
final class StorageErrors {
  private StorageErrors() {}

  static S3Exception error(int status, String code, String message) {
    return error(status, code, message, Map.of());
  }

  static S3Exception error(int status, String code, String message, Map<String, String> headers) {
    return (S3Exception)
        S3Exception.builder()
            .message(message)
            .statusCode(status)
            .awsErrorDetails(details(status, code, message, headers))
            .build();
  }

  private static AwsErrorDetails details(
      int status, String code, String message, Map<String, String> headers) {
    var http = SdkHttpResponse.builder().statusCode(status);
    headers.forEach(http::putHeader);
    return AwsErrorDetails.builder()
        .errorCode(code)
        .errorMessage(message)
        .sdkHttpResponse(http.build())
        .build();
  }

  static NoSuchBucketException noSuchBucket(String bucket) {
    String message = "Cannot find bucket: it does not exist (%s)".formatted(bucket);
    return (NoSuchBucketException)
        NoSuchBucketException.builder()
            .message(message)
            .statusCode(404)
            .awsErrorDetails(details(404, "NoSuchBucket", message, Map.of()))
            .build();
  }

  static NoSuchKeyException noSuchKey(String bucket, String key) {
    return noSuchKey(bucket, key, Map.of());
  }

  static NoSuchKeyException noSuchKey(String bucket, String key, Map<String, String> headers) {
    String message = "Cannot find object: it does not exist (%s/%s)".formatted(bucket, key);
    return (NoSuchKeyException)
        NoSuchKeyException.builder()
            .message(message)
            .statusCode(404)
            .awsErrorDetails(details(404, "NoSuchKey", message, headers))
            .build();
  }

  /** The current version is a delete marker: 404 with the marker's headers, as S3 answers. */
  static NoSuchKeyException deleteMarker(String bucket, String key, String versionId) {
    return noSuchKey(
        bucket, key, Map.of("x-amz-delete-marker", "true", "x-amz-version-id", versionId));
  }

  static S3Exception noSuchVersion(String bucket, String key, String versionId) {
    return error(
        404,
        "NoSuchVersion",
        "Cannot find object version: it does not exist (%s/%s version %s)"
            .formatted(bucket, key, versionId));
  }

  static NoSuchUploadException noSuchUpload(String bucket, String key, String uploadId) {
    String message =
        "Cannot find multipart upload: it does not exist or was completed or aborted (%s/%s upload %s)"
            .formatted(bucket, key, uploadId);
    return (NoSuchUploadException)
        NoSuchUploadException.builder()
            .message(message)
            .statusCode(404)
            .awsErrorDetails(details(404, "NoSuchUpload", message, Map.of()))
            .build();
  }

  static S3Exception preconditionFailed(String operation, String reason, String object) {
    return error(
        412, "PreconditionFailed", "Cannot %s: %s (%s)".formatted(operation, reason, object));
  }

  static S3Exception notModified(String etag) {
    return error(
        304, "NotModified", "Cannot read object: it was not modified", Map.of("ETag", etag));
  }

  static S3Exception invalidArgument(String message) {
    return error(400, "InvalidArgument", message);
  }

  static S3Exception internal(String message) {
    return error(500, "InternalError", message);
  }
}

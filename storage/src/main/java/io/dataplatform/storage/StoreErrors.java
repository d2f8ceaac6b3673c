package io.dataplatform.storage;

import io.dataplatform.api.DpException;
import java.util.function.Supplier;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Turns the store's S3-shaped failures into the platform's errors. */
final class StoreErrors {
  private StoreErrors() {}

  /** Runs one store operation; {@code action} says what was attempted, e.g. "read object a/b". */
  static <T> T call(String action, Supplier<T> operation) {
    try {
      return operation.get();
    } catch (AwsServiceException e) {
      throw translate(action, e);
    } catch (UnsupportedOperationException e) {
      throw new DpException(
          StorageErrorCode.UNSUPPORTED_BY_STORE,
          "Cannot %s: the object store does not support it (%s)".formatted(action, e.getMessage()),
          e);
    }
  }

  static void run(String action, Runnable operation) {
    call(
        action,
        () -> {
          operation.run();
          return null;
        });
  }

  static DpException translate(String action, AwsServiceException e) {
    String code = S3Exceptions.errorCode(e);
    String detail =
        e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
            ? String.valueOf(code)
            : e.awsErrorDetails().errorMessage();
    StorageErrorCode errorCode =
        switch (code == null ? "" : code) {
          case "NoSuchBucket" -> StorageErrorCode.BUCKET_NOT_FOUND;
          case "NoSuchKey", "NoSuchVersion" -> StorageErrorCode.OBJECT_NOT_FOUND;
          case "BucketNotEmpty" -> StorageErrorCode.BUCKET_NOT_EMPTY;
          case "BucketAlreadyExists", "BucketAlreadyOwnedByYou" ->
              StorageErrorCode.BUCKET_ALREADY_EXISTS;
          case "PreconditionFailed" -> StorageErrorCode.PRECONDITION_FAILED;
          case "InvalidArgument", "InvalidRequest", "InvalidBucketName", "KeyTooLongError" ->
              StorageErrorCode.INVALID_STORAGE_REQUEST;
          case "NotImplemented" -> StorageErrorCode.UNSUPPORTED_BY_STORE;
          default -> byStatus(e.statusCode());
        };
    return new DpException(
        errorCode,
        "Cannot %s: %s (%s)".formatted(action, detail, code == null ? e.statusCode() : code),
        e);
  }

  private static StorageErrorCode byStatus(int status) {
    return switch (status) {
      case 404 -> StorageErrorCode.OBJECT_NOT_FOUND;
      case 409 -> StorageErrorCode.BUCKET_NOT_EMPTY;
      case 412 -> StorageErrorCode.PRECONDITION_FAILED;
      case 400 -> StorageErrorCode.INVALID_STORAGE_REQUEST;
      default -> StorageErrorCode.STORAGE_FAILURE;
    };
  }
}

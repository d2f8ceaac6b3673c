package io.dataplatform.storage;

import io.dataplatform.api.ErrorCategory;
import io.dataplatform.api.ErrorCode;

/** Errors of the object store. */
public enum StorageErrorCode implements ErrorCode {
  BUCKET_NOT_FOUND(ErrorCategory.USER, 404),
  OBJECT_NOT_FOUND(ErrorCategory.USER, 404),
  ACCESS_KEY_NOT_FOUND(ErrorCategory.USER, 404),
  BUCKET_ALREADY_EXISTS(ErrorCategory.USER, 409),
  BUCKET_NOT_EMPTY(ErrorCategory.USER, 409),
  PRECONDITION_FAILED(ErrorCategory.USER, 412),
  INVALID_STORAGE_REQUEST(ErrorCategory.USER, 400),
  UNSUPPORTED_BY_STORE(ErrorCategory.USER, 501),
  STORAGE_FAILURE(ErrorCategory.INTERNAL, 500);

  private final ErrorCategory category;
  private final int httpStatus;

  StorageErrorCode(ErrorCategory category, int httpStatus) {
    this.category = category;
    this.httpStatus = httpStatus;
  }

  @Override
  public ErrorCategory category() {
    return category;
  }

  @Override
  public int httpStatus() {
    return httpStatus;
  }
}

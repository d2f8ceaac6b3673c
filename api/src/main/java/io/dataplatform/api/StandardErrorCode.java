package io.dataplatform.api;

/** Error codes used by more than one module. */
public enum StandardErrorCode implements ErrorCode {
  INVALID_ARGUMENT(ErrorCategory.USER, 400),
  INVALID_CONFIGURATION(ErrorCategory.USER, 400),
  NOT_AUTHENTICATED(ErrorCategory.USER, 401),
  PERMISSION_DENIED(ErrorCategory.USER, 403),
  NOT_FOUND(ErrorCategory.USER, 404),
  ALREADY_EXISTS(ErrorCategory.USER, 409),
  CONFLICT(ErrorCategory.USER, 409),
  SQL_ERROR(ErrorCategory.USER, 400),
  NOT_SUPPORTED(ErrorCategory.USER, 400),
  CANCELED(ErrorCategory.USER, 409),
  EXTERNAL_FAILURE(ErrorCategory.EXTERNAL, 502),
  INTERNAL_ERROR(ErrorCategory.INTERNAL, 500);

  private final ErrorCategory category;
  private final int httpStatus;

  StandardErrorCode(ErrorCategory category, int httpStatus) {
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

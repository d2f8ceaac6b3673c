package io.dataplatform.transform;

import io.dataplatform.api.ErrorCategory;
import io.dataplatform.api.ErrorCode;

/** Errors of the transform module. */
public enum TransformErrorCode implements ErrorCode {
  /** The project's files cannot be read or are invalid (dbt_project.yml, YAML, CSV). */
  INVALID_PROJECT(ErrorCategory.USER, 400),
  /** A model, test or macro cannot be rendered (Jinja error, unknown ref). */
  COMPILATION_ERROR(ErrorCategory.USER, 400),
  /** A selector or command-line argument is invalid. */
  INVALID_SELECTION(ErrorCategory.USER, 400),
  /** SQL that a node sent to the lakehouse failed. */
  DATABASE_ERROR(ErrorCategory.USER, 400);

  private final ErrorCategory category;
  private final int httpStatus;

  TransformErrorCode(ErrorCategory category, int httpStatus) {
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

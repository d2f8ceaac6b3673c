package io.dataplatform.api;

/** An error code of one module. Each module has an enum that implements this interface. */
public interface ErrorCode {
  /** A stable name, e.g. {@code TABLE_NOT_FOUND}. */
  String name();

  ErrorCategory category();

  /** The HTTP status this error maps to; the mapping for every module lives in the server. */
  int httpStatus();
}

package io.dataplatform.api;

/** Who is at fault for an error, which decides how it is reported. */
public enum ErrorCategory {
  /** The request was wrong; the message tells the user what to change. Reported as HTTP 4xx. */
  USER,
  /** Something outside the platform failed (a source database, a remote store). */
  EXTERNAL,
  /** A defect or an unexpected state inside the platform. Logged with its stack. */
  INTERNAL
}

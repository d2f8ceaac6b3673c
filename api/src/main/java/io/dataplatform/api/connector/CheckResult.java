package io.dataplatform.api.connector;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of {@link Connector#check}.
 *
 * @param message on failure, what is wrong and what to do; on success, a short confirmation
 */
public record CheckResult(Status status, String message) {
  /** Whether the source could be reached and read with the configuration. */
  public enum Status {
    SUCCEEDED,
    FAILED
  }

  public CheckResult {
    requireNonNull(status, "status");
    requireNonNull(message, "message");
  }

  public static CheckResult succeeded(String message) {
    return new CheckResult(Status.SUCCEEDED, message);
  }

  public static CheckResult failed(String message) {
    return new CheckResult(Status.FAILED, message);
  }

  public boolean isSuccess() {
    return status == Status.SUCCEEDED;
  }
}

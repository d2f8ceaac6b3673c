package io.dataplatform.orchestrator.run;

/** Where a run is. A run waiting for its retry is {@code QUEUED} with a later start time. */
public enum RunStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELED;

  public boolean isFinished() {
    return this == SUCCEEDED || this == FAILED || this == CANCELED;
  }
}

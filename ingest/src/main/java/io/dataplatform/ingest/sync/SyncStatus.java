package io.dataplatform.ingest.sync;

/** Where a sync, or one of its streams, stands. */
public enum SyncStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  public boolean isDone() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}

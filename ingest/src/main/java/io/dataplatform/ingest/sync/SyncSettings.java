package io.dataplatform.ingest.sync;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the sync engine.
 *
 * @param commitInterval how often incremental and CDC streams commit at their checkpoints ({@code
 *     ingest.commit-interval}, default 1 s)
 * @param batchRows records per batch asked of connectors ({@code ingest.batch-rows})
 * @param cdcIdleStop a sync with CDC streams ends once every other stream has ended and no change
 *     arrived for this long
 * @param cdcMaxRun or once it has run this long, at the next checkpoint of each CDC stream (a
 *     source that never goes quiet still ends its syncs)
 * @param workDirectory where each sync gets a private directory for staging and spill
 */
public record SyncSettings(
    Duration commitInterval,
    int batchRows,
    Duration cdcIdleStop,
    Duration cdcMaxRun,
    Path workDirectory) {
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);
  public static final int DEFAULT_BATCH_ROWS = 10_000;

  public SyncSettings {
    requireNonNull(commitInterval, "commitInterval");
    requireNonNull(cdcIdleStop, "cdcIdleStop");
    requireNonNull(cdcMaxRun, "cdcMaxRun");
    requireNonNull(workDirectory, "workDirectory");
    if (commitInterval.isNegative() || batchRows < 1) {
      throw new DpException(
          StandardErrorCode.INVALID_CONFIGURATION,
          "Cannot configure ingestion: the commit interval must not be negative and the batch size"
              + " must be positive ("
              + commitInterval
              + ", "
              + batchRows
              + ")");
    }
  }

  /** The defaults, with a work directory. */
  public static SyncSettings of(Path workDirectory) {
    return new SyncSettings(
        DEFAULT_COMMIT_INTERVAL,
        DEFAULT_BATCH_ROWS,
        Duration.ofSeconds(5),
        Duration.ofMinutes(5),
        workDirectory);
  }
}

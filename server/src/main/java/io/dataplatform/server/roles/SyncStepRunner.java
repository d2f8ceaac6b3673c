package io.dataplatform.server.roles;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.AssetKey;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.ingest.connection.SyncService;
import io.dataplatform.ingest.sync.StreamReport;
import io.dataplatform.ingest.sync.SyncReport;
import io.dataplatform.ingest.sync.SyncStatus;
import io.dataplatform.orchestrator.job.SyncStep;
import io.dataplatform.orchestrator.step.StepContext;
import io.dataplatform.orchestrator.step.StepResult;
import io.dataplatform.orchestrator.step.StepRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sync: CONNECTION}: one sync of a connection, in the step's thread. A sync commits its
 * state with its data, so a step run again after a crash resumes where the lake stands; canceling
 * the run stops the sync at its next checkpoint.
 */
public final class SyncStepRunner implements StepRunner<SyncStep> {
  private final SyncService syncs;

  public SyncStepRunner(SyncService syncs) {
    this.syncs = requireNonNull(syncs, "syncs");
  }

  @Override
  public Class<SyncStep> stepType() {
    return SyncStep.class;
  }

  @Override
  public StepResult run(SyncStep step, StepContext context) {
    context.log().info("Syncing connection " + step.connection());
    SyncReport report = syncs.run(step.connection(), context.cancellation());
    List<AssetKey> tables = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (StreamReport stream : report.streams()) {
      lines.add(
          stream.table()
              + ": "
              + stream.recordsCommitted()
              + " rows committed in "
              + stream.commits()
              + " commits ("
              + stream.status().name().toLowerCase(java.util.Locale.ROOT)
              + ")");
      if (stream.status() == SyncStatus.SUCCEEDED) {
        tables.add(AssetKey.parse(stream.table()));
      }
    }
    lines.forEach(context.log()::info);
    if (report.status() != SyncStatus.SUCCEEDED) {
      throw new DpException(
          StandardErrorCode.EXTERNAL_FAILURE,
          "Cannot sync connection "
              + step.connection()
              + ": "
              + report.error().orElse("the sync ended " + report.status())
              + " (sync "
              + report.syncId()
              + ")");
    }
    return new StepResult(tables, List.of());
  }
}

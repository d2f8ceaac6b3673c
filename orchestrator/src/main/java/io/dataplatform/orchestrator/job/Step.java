package io.dataplatform.orchestrator.job;

import io.dataplatform.api.AssetKey;
import java.util.List;

/**
 * One step of a job. Steps of a job run in order; each is recorded done once it succeeded, so a
 * retried or re-executed run resumes at the first step that is not done.
 */
public sealed interface Step
    permits SyncStep, TransformStep, SqlStep, RefreshStep, WebhookStep, SleepStep {
  /** Unique within the job; given in YAML as {@code name:} or derived from the step. */
  String name();

  /** The assets the step declares it materializes, besides those its runner reports. */
  List<AssetKey> assets();

  /** The key that names the step's kind in YAML, e.g. {@code sync}. */
  String kind();
}

package io.dataplatform.orchestrator.step;

import io.dataplatform.orchestrator.job.Step;

/**
 * Runs the steps of one kind. The server hands the orchestrator one runner per kind: SQL, refresh,
 * webhook and sleep runners live in this module, the sync runner comes from the ingest module and
 * the transform runner from the transform module.
 *
 * <p>Contract: {@link #run} returns when the step's work is committed, or throws. A {@link
 * io.dataplatform.api.DpException} fails the step with its message; any other exception fails it
 * too and is logged with its stack. The run's thread is interrupted when the run is cancelled or
 * times out; a runner should stop soon after (blocking calls that ignore interrupts finish in the
 * background and their result is discarded). A runner may be called again for the same run and step
 * after a crash or a failed attempt, so its work must be idempotent or resumable, keyed by {@link
 * StepContext#runId()}.
 *
 * @param <S> the step type this runner runs
 */
public interface StepRunner<S extends Step> {
  /** The step record this runner accepts, e.g. {@code SyncStep.class}. */
  Class<S> stepType();

  StepResult run(S step, StepContext context) throws Exception;
}

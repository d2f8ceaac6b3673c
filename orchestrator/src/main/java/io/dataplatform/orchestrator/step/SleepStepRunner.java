package io.dataplatform.orchestrator.step;

import io.dataplatform.orchestrator.job.Durations;
import io.dataplatform.orchestrator.job.SleepStep;
import java.util.List;

/** Runs {@code sleep:} steps; an interrupt (cancel, timeout) ends the wait with a failure. */
public final class SleepStepRunner implements StepRunner<SleepStep> {
  @Override
  public Class<SleepStep> stepType() {
    return SleepStep.class;
  }

  @Override
  public StepResult run(SleepStep step, StepContext context) throws InterruptedException {
    context.log().info("sleeping " + Durations.format(step.duration()));
    Thread.sleep(step.duration().toMillis());
    return new StepResult(step.assets(), List.of());
  }
}

package io.dataplatform.orchestrator.step;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.orchestrator.job.Step;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The runner of each step kind the platform has; kinds without a runner fail their step. */
public final class StepRunners {
  private final Map<Class<?>, StepRunner<?>> runners = new HashMap<>();

  public StepRunners(List<StepRunner<?>> runners) {
    for (StepRunner<?> runner : runners) {
      if (this.runners.put(runner.stepType(), runner) != null) {
        throw new IllegalArgumentException("two runners for " + runner.stepType().getSimpleName());
      }
    }
  }

  public boolean supports(Class<? extends Step> type) {
    return runners.containsKey(type);
  }

  /** Runs {@code step} with the runner of its kind. */
  @SuppressWarnings("unchecked")
  public StepResult run(Step step, StepContext context) throws Exception {
    StepRunner<Step> runner = (StepRunner<Step>) runners.get(step.getClass());
    if (runner == null) {
      throw new DpException(
          StandardErrorCode.NOT_SUPPORTED,
          "Cannot run step: no runner for "
              + step.kind()
              + " steps is installed on this server ("
              + step.name()
              + ")");
    }
    return runner.run(step, context);
  }
}

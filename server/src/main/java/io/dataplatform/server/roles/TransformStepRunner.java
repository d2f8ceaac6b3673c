package io.dataplatform.server.roles;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.AssetKey;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.lakehouse.sql.SqlSession;
import io.dataplatform.orchestrator.job.TransformStep;
import io.dataplatform.orchestrator.step.StepContext;
import io.dataplatform.orchestrator.step.StepResult;
import io.dataplatform.orchestrator.step.StepRunner;
import io.dataplatform.transform.TransformService;
import io.dataplatform.transform.execute.Command;
import io.dataplatform.transform.execute.NodeResult;
import io.dataplatform.transform.execute.NodeStatus;
import io.dataplatform.transform.execute.RunOptions;
import io.dataplatform.transform.execute.RunReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code transform: {project, select}}: {@code build} of a selection of a project (models, seeds,
 * snapshots and their tests), with the console streamed into the run's log. Building again is
 * idempotent, so a step run again after a crash is safe.
 */
public final class TransformStepRunner implements StepRunner<TransformStep> {
  private static final int THREADS = 4;
  private final TransformService transform;
  private final TransformProjects projects;

  public TransformStepRunner(TransformService transform, TransformProjects projects) {
    this.transform = requireNonNull(transform, "transform");
    this.projects = requireNonNull(projects, "projects");
  }

  @Override
  public Class<TransformStep> stepType() {
    return TransformStep.class;
  }

  @Override
  public StepResult run(TransformStep step, StepContext context) {
    Path directory = projects.resolve(step.project());
    RunOptions options =
        new RunOptions(
            step.select().map(List::of).orElse(List.of()), List.of(), THREADS, false, false);
    RunReport report =
        transform.run(
            directory,
            Command.BUILD,
            options,
            Optional.empty(),
            Map.of(),
            new SqlSession("orchestrator", "orchestrator", context.cancellation()),
            context.log()::info);
    List<AssetKey> built = new ArrayList<>();
    long failed = 0;
    for (NodeResult result : report.results()) {
      if (result.status() == NodeStatus.SUCCESS && !result.relationName().isEmpty()) {
        built.add(AssetKey.parse(result.relationName()));
      }
      if (result.status() == NodeStatus.ERROR || result.status() == NodeStatus.FAIL) {
        failed++;
      }
    }
    if (report.failed()) {
      throw new DpException(
          StandardErrorCode.EXTERNAL_FAILURE,
          "Cannot build transform project "
              + step.project()
              + ": "
              + failed
              + " nodes failed or had failing tests (see the log)");
    }
    return new StepResult(built, List.of());
  }
}

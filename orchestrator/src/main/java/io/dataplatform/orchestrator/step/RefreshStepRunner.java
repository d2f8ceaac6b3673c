package io.dataplatform.orchestrator.step;

import static java.util.Objects.requireNonNull;

import io.dataplatform.lakehouse.sql.SqlService;
import io.dataplatform.orchestrator.job.RefreshStep;
import java.sql.SQLException;
import java.util.List;

/**
 * Runs {@code refresh:} steps: the given statement, or for a bare view a read of its columns, which
 * fails when an input of the view no longer resolves.
 */
public final class RefreshStepRunner implements StepRunner<RefreshStep> {
  private final SqlService sql;

  public RefreshStepRunner(SqlService sql) {
    this.sql = requireNonNull(sql, "sql");
  }

  @Override
  public Class<RefreshStep> stepType() {
    return RefreshStep.class;
  }

  @Override
  public StepResult run(RefreshStep step, StepContext context) throws SQLException {
    if (step.sql().isPresent()) {
      String statement = SqlStepRunner.substitute(step.sql().get(), context);
      context.log().info("refreshing with " + statement.replaceAll("\\s+", " ").trim());
      return new StepResult(
          step.assets(),
          List.of(SqlStepRunner.execute(sql, SqlStepRunner.session(context), statement)));
    }
    String view = step.view().orElseThrow();
    context.log().info("checking that " + view + " resolves");
    int columns = sql.describe(SqlStepRunner.session(context), "SELECT * FROM " + view).size();
    return new StepResult(step.assets(), List.of(view + " resolves with " + columns + " columns"));
  }
}

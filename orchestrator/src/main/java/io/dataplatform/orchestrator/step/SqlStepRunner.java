package io.dataplatform.orchestrator.step;

import static java.util.Objects.requireNonNull;

import io.dataplatform.lakehouse.sql.SqlService;
import io.dataplatform.lakehouse.sql.SqlSession;
import io.dataplatform.lakehouse.sql.StatementResult;
import io.dataplatform.orchestrator.job.SqlStep;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Runs {@code sql:} steps on the lakehouse, as the user {@code orchestrator}. */
public final class SqlStepRunner implements StepRunner<SqlStep> {
  private final SqlService sql;

  public SqlStepRunner(SqlService sql) {
    this.sql = requireNonNull(sql, "sql");
  }

  @Override
  public Class<SqlStep> stepType() {
    return SqlStep.class;
  }

  @Override
  public StepResult run(SqlStep step, StepContext context) throws SQLException {
    String statement = substitute(step.sql(), context);
    context.log().info("running " + oneLine(statement));
    return new StepResult(step.assets(), List.of(execute(sql, session(context), statement)));
  }

  /** The session of a step's statements: user {@code orchestrator}, stopped with the step. */
  static SqlSession session(StepContext context) {
    return new SqlSession("orchestrator", "job", context.cancellation());
  }

  /** Runs one statement and describes its outcome, e.g. {@code 42 rows written}. */
  static String execute(SqlService sql, SqlSession session, String statement) throws SQLException {
    try (StatementResult result = sql.execute(session, statement, List.of())) {
      if (result.rows().isPresent()) {
        long rows = 0;
        ResultSet resultSet = result.rows().get();
        while (resultSet.next()) {
          rows++;
        }
        result.rowsReturned(rows);
        return rows + " rows returned (query " + result.queryId() + ")";
      }
      return result.updateCount() + " rows written (query " + result.queryId() + ")";
    }
  }

  /** Replaces {@code {{partition}}}, {@code {{partition_start}}}, {@code {{partition_end}}}. */
  static String substitute(String text, StepContext context) {
    String result = text;
    if (context.partitions().isEmpty()) {
      return result;
    }
    result = result.replace("{{partition_start}}", context.partitionStart().orElseThrow());
    result = result.replace("{{partition_end}}", context.partitionEnd().orElseThrow());
    if (result.contains("{{partition}}")) {
      if (context.partition().isEmpty()) {
        throw io.dataplatform.api.DpException.user(
            "Cannot run SQL step: {{partition}} needs a one-partition run; use {{partition_start}}"
                + " and {{partition_end}} for ranges ("
                + context.partitionStart().orElseThrow()
                + ".."
                + context.partitionEnd().orElseThrow()
                + ")");
      }
      result = result.replace("{{partition}}", context.partition().get());
    }
    return result;
  }

  private static String oneLine(String statement) {
    String line = statement.replaceAll("\\s+", " ").trim();
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}

package io.dataplatform.server.demo;

import io.dataplatform.api.DpException;
import io.dataplatform.lakehouse.sql.SqlService;
import io.dataplatform.lakehouse.sql.SqlSession;
import io.dataplatform.lakehouse.sql.StatementResult;
import io.dataplatform.orchestrator.run.Run;
import io.dataplatform.orchestrator.run.RunStatus;
import io.dataplatform.server.Platform;
import io.dataplatform.transform.execute.NodeResult;
import io.dataplatform.transform.execute.NodeStatus;
import io.dataplatform.transform.history.TransformRun;
import io.dataplatform.transform.history.TransformRunRepository;
import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the demo prints after its first run: the run, rows per table, segments, tests. */
public final class DemoSummary {
  private static final List<String> TABLES =
      List.of(
          "raw.customers",
          "raw.products",
          "raw.orders",
          "raw.order_items",
          "marts.fct_orders",
          "marts.dim_customers",
          "marts.daily_revenue");
  private static final SqlSession SESSION = new SqlSession("admin", "demo");

  private DemoSummary() {}

  public static void print(
      Platform platform, Run run, DemoCredentials credentials, PrintStream out) {
    Duration took =
        Duration.between(
            run.startedAt().orElse(run.createdAt()), run.endedAt().orElse(run.createdAt()));
    out.printf(
        "dp: demo job %s %s in %.1f s (attempt %d)%n",
        run.jobName(), run.status(), took.toMillis() / 1000.0, run.attempt());
    run.errorMessage()
        .filter(message -> run.status() != RunStatus.SUCCEEDED)
        .ifPresent(message -> out.println("dp:   error: " + message));
    SqlService sql = platform.lakehouse().sql();
    out.println("dp: rows per table");
    for (String table : TABLES) {
      out.printf("dp:   %-22s %s%n", table, scalar(sql, "SELECT count(*) FROM " + table));
    }
    out.println(
        "dp: customer segments  "
            + scalar(
                sql,
                "SELECT string_agg(segment || ' ' || n, ', ' ORDER BY segment) FROM"
                    + " (SELECT segment, count(*) AS n FROM marts.dim_customers GROUP BY segment)"));
    out.println("dp: dbt tests          " + tests(platform));
    out.println(
        "dp: sign in as admin with the password "
            + credentials.password()
            + credentials.file().map(file -> " (kept in " + file + ")").orElse(""));
    out.println(
        "dp: the job runs every minute; new shop orders reach marts.fct_orders within two minutes");
  }

  private static String tests(Platform platform) {
    TransformRunRepository runs = new TransformRunRepository(platform.metastore().dataSource());
    Optional<TransformRun> last =
        runs.recent(20).stream().filter(run -> run.projectName().equals("demo_shop")).findFirst();
    if (last.isEmpty()) {
      return "no transform run recorded";
    }
    Map<NodeStatus, Integer> counts = new EnumMap<>(NodeStatus.class);
    for (NodeResult result : runs.results(last.get().id())) {
      if (result.uniqueId().startsWith("test.")) {
        counts.merge(result.status(), 1, Integer::sum);
      }
    }
    return counts.getOrDefault(NodeStatus.PASS, 0)
        + " passed, "
        + counts.getOrDefault(NodeStatus.FAIL, 0)
        + " failed, "
        + counts.getOrDefault(NodeStatus.WARN, 0)
        + " warned, "
        + (counts.getOrDefault(NodeStatus.ERROR, 0) + counts.getOrDefault(NodeStatus.SKIPPED, 0))
        + " not run";
  }

  private static String scalar(SqlService sql, String statement) {
    try (StatementResult result = sql.execute(SESSION, statement, List.of())) {
      Optional<ResultSet> rows = result.rows();
      if (rows.isEmpty() || !rows.get().next()) {
        return "-";
      }
      String value = rows.get().getString(1);
      result.rowsReturned(1);
      return value == null ? "-" : value;
    } catch (DpException | SQLException e) {
      return "unavailable (" + e.getMessage() + ")";
    }
  }
}

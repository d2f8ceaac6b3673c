package io.dataplatform.transform.history;

import static java.util.Objects.requireNonNull;

import io.dataplatform.metastore.Jdbc;
import io.dataplatform.transform.execute.NodeResult;
import io.dataplatform.transform.execute.NodeStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Transform runs, their node results, and each project's dependency graph in the metastore, for the
 * catalog, the orchestrator and the UI.
 */
public final class TransformRunRepository {
  private final Jdbc jdbc;

  public TransformRunRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(requireNonNull(dataSource, "dataSource"));
  }

  /** Records a finished run with every node's result. */
  public void insert(TransformRun run, List<NodeResult> results) {
    jdbc.update(
        "INSERT INTO transform_run (id, project_name, project_path, command, username, status,"
            + " started_at, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        run.id(),
        run.projectName(),
        run.projectPath(),
        run.command(),
        run.username(),
        run.status(),
        run.startedAt(),
        run.completedAt());
    for (NodeResult result : results) {
      jdbc.update(
          "INSERT INTO transform_node_result (run_id, unique_id, status, message, failures,"
              + " relation_name, compiled_sql, started_at, completed_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          run.id(),
          result.uniqueId(),
          result.status().label(),
          result.message(),
          result.failures(),
          result.relationName(),
          result.compiledSql(),
          result.startedAt(),
          result.completedAt());
    }
  }

  /** The most recent runs first. */
  public List<TransformRun> recent(int limit) {
    return jdbc.query(
        "SELECT id, project_name, project_path, command, username, status, started_at,"
            + " completed_at FROM transform_run ORDER BY started_at DESC, id FETCH FIRST "
            + limit
            + " ROWS ONLY",
        TransformRunRepository::run);
  }

  /** The node results of a run, by unique id. */
  public List<NodeResult> results(String runId) {
    return jdbc.query(
        "SELECT unique_id, status, message, failures, compiled_sql, relation_name, started_at,"
            + " completed_at FROM transform_node_result WHERE run_id = ? ORDER BY unique_id",
        row ->
            new NodeResult(
                row.getString("unique_id"),
                NodeStatus.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
                row.getString("message"),
                row.getLong("failures"),
                row.getString("compiled_sql"),
                row.getString("relation_name"),
                Jdbc.instant(row, "started_at"),
                Jdbc.instant(row, "completed_at"),
                "metastore"),
        runId);
  }

  /** Replaces the dependency graph recorded for a project. */
  public void replaceDependencies(String projectName, Map<String, Set<String>> dependsOn) {
    jdbc.update("DELETE FROM transform_dependency WHERE project_name = ?", projectName);
    for (Map.Entry<String, Set<String>> entry : dependsOn.entrySet()) {
      for (String parent : entry.getValue()) {
        jdbc.update(
            "INSERT INTO transform_dependency (project_name, unique_id, depends_on) VALUES (?, ?, ?)",
            projectName,
            entry.getKey(),
            parent);
      }
    }
  }

  /** A project's recorded dependencies: each node's parents. */
  public Map<String, Set<String>> dependencies(String projectName) {
    Map<String, Set<String>> graph = new TreeMap<>();
    jdbc.query(
        "SELECT unique_id, depends_on FROM transform_dependency WHERE project_name = ?",
        row -> graph.computeIfAbsent(row.getString(1), k -> new TreeSet<>()).add(row.getString(2)),
        projectName);
    return graph;
  }

  private static TransformRun run(ResultSet row) throws SQLException {
    return new TransformRun(
        row.getString("id"),
        row.getString("project_name"),
        row.getString("project_path"),
        row.getString("command"),
        row.getString("username"),
        row.getString("status"),
        Jdbc.instant(row, "started_at"),
        Jdbc.instant(row, "completed_at"));
  }
}

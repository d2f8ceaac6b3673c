package io.dataplatform.transform.execute;

import static java.util.Objects.requireNonNull;

import io.dataplatform.transform.compile.Manifest;
import io.dataplatform.transform.compile.ProjectCompiler;
import io.dataplatform.transform.graph.Selector;
import io.dataplatform.transform.jinja.RenderContext;
import io.dataplatform.transform.jinja.RenderMode;
import io.dataplatform.transform.jinja.SqlRunner;
import io.dataplatform.transform.project.Node;
import io.dataplatform.transform.project.NodeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Selects a command's nodes, runs on-run-start hooks, the DAG, and on-run-end hooks. */
public final class ProjectRunner {
  private final ProjectCompiler compiler;
  private final SqlRunner runner;
  private final ConsoleOutput console;

  public ProjectRunner(ProjectCompiler compiler, SqlRunner runner, ConsoleOutput console) {
    this.compiler = requireNonNull(compiler, "compiler");
    this.runner = requireNonNull(runner, "runner");
    this.console = requireNonNull(console, "console");
  }

  public RunReport run(Manifest manifest, Command command, RunOptions options) {
    Instant started = Instant.now();
    List<Node> nodes = select(manifest, command, options);
    if (command == Command.LS) {
      nodes.forEach(node -> console.line(String.join(".", node.fqn())));
      return new RunReport(command, List.of(), started, Instant.now());
    }
    boolean compileOnly = command == Command.COMPILE || command == Command.DOCS_GENERATE;
    if (!compileOnly) {
      hooks(manifest.project().root().onRunStart(), "on-run-start");
    }
    console.line(
        "Running with dp transform: " + nodes.size() + " nodes, " + options.threads() + " threads");
    List<NodeResult> results =
        new DagRunner(new NodeExecutor(compiler, runner), console)
            .run(manifest, nodes, options, compileOnly, message -> console.line(message));
    if (!compileOnly) {
      hooks(manifest.project().root().onRunEnd(), "on-run-end");
    }
    RunReport report = new RunReport(command, results, started, Instant.now());
    console.summary(report);
    return report;
  }

  private void hooks(List<String> hooks, String name) {
    for (String hook : hooks) {
      RenderContext context =
          new RenderContext(Optional.empty(), RenderMode.EXECUTE, false, console::line);
      String sql =
          compiler.environment().render(hook, "dbt_project.yml " + name, context, Map.of());
      if (!sql.isBlank()) {
        runner.execute(sql);
      }
    }
  }

  /** The command's nodes among the selection; tests of selected nodes come along (eager). */
  static List<Node> select(Manifest manifest, Command command, RunOptions options) {
    Selector selector = new Selector(manifest);
    Set<String> chosen = selector.select(options.select(), options.exclude());
    List<Node> nodes = new ArrayList<>();
    Set<String> excluded =
        options.exclude().isEmpty() ? Set.of() : selector.select(options.exclude(), List.of());
    for (Node node : manifest.nodes().values()) {
      if (!command.types().contains(node.type())) {
        continue;
      }
      if (node.type() == NodeType.MODEL
          && node.materialized().equals("ephemeral")
          && command != Command.COMPILE) {
        continue;
      }
      boolean selected = chosen.contains(node.uniqueId());
      if (!selected
          && node.type() == NodeType.TEST
          && !options.select().isEmpty()
          && !excluded.contains(node.uniqueId())) {
        selected =
            manifest.parents(node.uniqueId()).stream().anyMatch(chosen::contains)
                && manifest.parents(node.uniqueId()).stream()
                    .allMatch(
                        p ->
                            chosen.contains(p)
                                || !manifest.nodes().containsKey(p)
                                || command == Command.TEST);
      }
      if (selected) {
        nodes.add(node);
      }
    }
    return nodes;
  }
}

package io.dataplatform.transform.execute;

import static java.util.Objects.requireNonNull;

import io.dataplatform.transform.compile.Manifest;
import io.dataplatform.transform.compile.ProjectCompiler;
import io.dataplatform.transform.graph.Selection;
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
      nodes.forEach(
          node ->
              console.line(
                  (node.type() == NodeType.UNIT_TEST ? "unit_test:" : "")
                      + String.join(".", node.fqn())));
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

  /**
   * The nodes {@code command} runs: those of its resource types in the selection, with the tests of
   * selected nodes as the selection's {@code indirect_selection} asks (eager by default).
   */
  public static List<Node> select(Manifest manifest, Command command, RunOptions options) {
    Selection selection =
        Selection.resolve(manifest, options.select(), options.exclude(), options.selector());
    List<Node> nodes = new ArrayList<>();
    for (Node node : manifest.nodes().values()) {
      if (!command.types().contains(node.type())) {
        continue;
      }
      if (node.type() == NodeType.MODEL
          && node.materialized().equals("ephemeral")
          && command != Command.COMPILE) {
        continue;
      }
      boolean selected = selection.contains(node.uniqueId());
      if (!selected
          && (node.type() == NodeType.TEST || node.type() == NodeType.UNIT_TEST)
          && !selection.everything()
          && !selection.excluded().contains(node.uniqueId())) {
        selected = indirectlySelected(manifest, command, selection, node);
      }
      if (selected) {
        nodes.add(node);
      }
    }
    return nodes;
  }

  private static boolean indirectlySelected(
      Manifest manifest, Command command, Selection selection, Node test) {
    Set<String> parents = manifest.parents(test.uniqueId());
    boolean anyParent = parents.stream().anyMatch(selection::contains);
    return switch (selection.indirect()) {
      case EMPTY -> false;
      case CAUTIOUS ->
          anyParent
              && parents.stream()
                  .allMatch(p -> selection.contains(p) || !manifest.nodes().containsKey(p));
      case EAGER, BUILDABLE ->
          anyParent
              && parents.stream()
                  .allMatch(
                      p ->
                          selection.contains(p)
                              || !manifest.nodes().containsKey(p)
                              || command == Command.TEST);
    };
  }
}

package io.dataplatform.transform.execute;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.transform.compile.Manifest;
import io.dataplatform.transform.compile.ProjectCompiler;
import io.dataplatform.transform.jinja.CustomMaterializations;
import io.dataplatform.transform.jinja.JinjaEnvironment;
import io.dataplatform.transform.jinja.QueryTable;
import io.dataplatform.transform.jinja.Relation;
import io.dataplatform.transform.jinja.RenderContext;
import io.dataplatform.transform.jinja.RenderMode;
import io.dataplatform.transform.jinja.SqlRunner;
import io.dataplatform.transform.project.Node;
import io.dataplatform.transform.project.NodeType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Compiles and runs one node: a model's materialization, a seed's load, a test's query. */
final class NodeExecutor {
  private final ProjectCompiler compiler;
  private final SqlRunner runner;
  private final Materializations materializations;
  private final SeedLoader seeds;
  private final Snapshots snapshots;
  private final UnitTestRunner unitTests;

  NodeExecutor(ProjectCompiler compiler, SqlRunner runner) {
    this.compiler = requireNonNull(compiler, "compiler");
    this.runner = requireNonNull(runner, "runner");
    this.materializations = new Materializations(runner);
    this.seeds = new SeedLoader(runner, materializations);
    this.snapshots = new Snapshots(runner, materializations);
    this.unitTests = new UnitTestRunner(compiler, runner);
  }

  /** Runs {@code node}; compile-only when {@code compileOnly}. Never throws for node errors. */
  NodeResult run(
      Manifest manifest, Node node, RunOptions options, boolean compileOnly, Consumer<String> log) {
    Instant started = Instant.now();
    String thread = Thread.currentThread().getName();
    String compiled = "";
    String relationName = "";
    try {
      JinjaEnvironment environment = compiler.environment();
      if (node.type() == NodeType.UNIT_TEST) {
        if (compileOnly) {
          return result(node, NodeStatus.SUCCESS, "OK", 0, "", "", started, thread);
        }
        UnitTestRunner.Outcome outcome = unitTests.run(manifest, node, log);
        return result(
            node,
            outcome.status(),
            outcome.message(),
            outcome.failures(),
            outcome.sql(),
            "",
            started,
            thread);
      }
      if (node.type() == NodeType.TEST) {
        compiled = compiler.compile(manifest, node, false, log);
        if (compileOnly) {
          return result(node, NodeStatus.SUCCESS, "OK", 0, compiled, "", started, thread);
        }
        return test(node, compiled, started, thread);
      }
      Relation relation = environment.relation(node);
      relationName = relation.toString();
      if (node.type() == NodeType.SEED) {
        if (compileOnly) {
          return result(node, NodeStatus.SUCCESS, "OK", 0, "", relationName, started, thread);
        }
        long rows =
            seeds.load(
                node, manifest.project().root().root().resolve(seedRoot(manifest, node)), relation);
        return result(
            node, NodeStatus.SUCCESS, "INSERT " + rows, 0, "", relationName, started, thread);
      }
      boolean incremental =
          node.materialized().equals("incremental")
              && !compileOnly
              && materializations.incremental(relation, options.fullRefresh());
      compiled = compiler.compile(manifest, node, incremental, log);
      if (compileOnly || node.materialized().equals("ephemeral")) {
        return result(node, NodeStatus.SUCCESS, "OK", 0, compiled, relationName, started, thread);
      }
      String message =
          materialize(manifest, node, relation, compiled, incremental, options.fullRefresh(), log);
      return result(node, NodeStatus.SUCCESS, message, 0, compiled, relationName, started, thread);
    } catch (DpException e) {
      String message = e.getMessage();
      if (!message.contains(node.originalFilePath())) {
        message =
            "Cannot run "
                + node.type().resourceType()
                + " "
                + node.name()
                + ": "
                + message
                + " ("
                + node.originalFilePath()
                + ")";
      }
      return result(node, NodeStatus.ERROR, message, 0, compiled, relationName, started, thread);
    }
  }

  /** Runs a model's or snapshot's materialization, a project's block first; returns its message. */
  private String materialize(
      Manifest manifest,
      Node node,
      Relation relation,
      String compiled,
      boolean incremental,
      boolean fullRefresh,
      Consumer<String> log) {
    CustomMaterializations custom = compiler.environment().materializations();
    if (node.type() == NodeType.MODEL && custom.defines(node.materialized())) {
      materializations.createSchema(relation.getSchema());
      return custom.run(node, compiled, fullRefresh, log).message();
    }
    hooks(manifest, node, "pre-hook", log);
    String message =
        switch (node.type() == NodeType.SNAPSHOT ? "snapshot" : node.materialized()) {
          case "snapshot" -> snapshots.snapshot(node, relation, compiled);
          case "view" -> materializations.view(relation, compiled);
          case "table" -> materializations.table(relation, compiled);
          case "incremental" -> materializations.incremental(node, relation, compiled, incremental);
          default ->
              throw new DpException(
                  io.dataplatform.transform.TransformErrorCode.COMPILATION_ERROR,
                  "Cannot run model: unknown materialization "
                      + node.materialized()
                      + " (view, table, incremental, ephemeral)");
        };
    hooks(manifest, node, "post-hook", log);
    return message;
  }

  private static String seedRoot(Manifest manifest, Node seed) {
    if (seed.packageName().equals(manifest.project().name())) {
      return seed.originalFilePath();
    }
    return "dbt_packages/" + seed.packageName() + "/" + seed.originalFilePath();
  }

  private void hooks(Manifest manifest, Node node, String key, Consumer<String> log) {
    Object hooks = node.config().get(key);
    List<?> list = hooks instanceof List<?> l ? l : hooks == null ? List.of() : List.of(hooks);
    for (Object hook : list) {
      Object sql = hook instanceof Map<?, ?> map ? map.get("sql") : hook;
      RenderContext context = new RenderContext(Optional.of(node), RenderMode.EXECUTE, false, log);
      String rendered =
          compiler
              .environment()
              .render(String.valueOf(sql), node.originalFilePath(), context, Map.of());
      if (!rendered.isBlank()) {
        runner.execute(rendered);
      }
    }
  }

  private NodeResult test(Node node, String compiled, Instant started, String thread) {
    String failCalc = node.configString("fail_calc", "count(*)");
    String warnIf = node.configString("warn_if", "!= 0");
    String errorIf = node.configString("error_if", "!= 0");
    Object limit = node.config().get("limit");
    String sql =
        "select "
            + failCalc
            + " as failures, "
            + failCalc
            + " "
            + warnIf
            + " as should_warn, "
            + failCalc
            + " "
            + errorIf
            + " as should_error from (\n"
            + compiled
            + (limit == null ? "" : "\nlimit " + limit)
            + "\n) dbt_internal_test";
    if ("true".equalsIgnoreCase(node.configString("store_failures", "false"))) {
      storeFailures(node, compiled);
    }
    QueryTable table = runner.query(sql);
    List<Object> row = table.getRows().get(0);
    long failures = row.get(0) == null ? 0 : ((Number) row.get(0)).longValue();
    boolean warn = Boolean.TRUE.equals(row.get(1));
    boolean error = Boolean.TRUE.equals(row.get(2));
    boolean severityError = !node.configString("severity", "ERROR").equalsIgnoreCase("warn");
    NodeStatus status;
    if (severityError && error) {
      status = NodeStatus.FAIL;
    } else if (warn || (error && !severityError)) {
      status = NodeStatus.WARN;
    } else {
      status = NodeStatus.PASS;
    }
    String message =
        status == NodeStatus.PASS
            ? "PASS"
            : "Got "
                + failures
                + " result"
                + (failures == 1 ? "" : "s")
                + ", configured to "
                + (status == NodeStatus.FAIL ? "fail" : "warn")
                + " if "
                + (status == NodeStatus.FAIL ? errorIf : warnIf);
    return result(node, status, message, failures, compiled, "", started, thread);
  }

  /** Keeps a failing test's rows in {@code <target schema>_dbt_test__audit.<test name>}. */
  private void storeFailures(Node node, String compiled) {
    String schema =
        compiler.environment().project().target().schema()
            + "_"
            + node.configString("schema", "dbt_test__audit");
    materializations.createSchema(schema);
    runner.execute(
        "CREATE OR REPLACE TABLE "
            + schema
            + "."
            + node.configString("alias", node.name())
            + " AS\n"
            + compiled);
  }

  private static NodeResult result(
      Node node,
      NodeStatus status,
      String message,
      long failures,
      String compiled,
      String relation,
      Instant started,
      String thread) {
    return new NodeResult(
        node.uniqueId(),
        status,
        message,
        failures,
        compiled,
        relation,
        started,
        Instant.now(),
        thread);
  }
}

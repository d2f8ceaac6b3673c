package io.dataplatform.transform.compile;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.transform.TransformErrorCode;
import io.dataplatform.transform.jinja.JinjaEnvironment;
import io.dataplatform.transform.jinja.Relation;
import io.dataplatform.transform.jinja.RenderContext;
import io.dataplatform.transform.jinja.RenderMode;
import io.dataplatform.transform.project.DbtProject;
import io.dataplatform.transform.project.FolderConfigs;
import io.dataplatform.transform.project.Node;
import io.dataplatform.transform.project.NodeType;
import io.dataplatform.transform.project.TestMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** Parses a project's templates into a {@link Manifest} and compiles nodes to SQL. */
public final class ProjectCompiler {
  private static final Pattern LEADING_WITH =
      Pattern.compile(
          "^(\\s*(?:--[^\\n]*\\n\\s*|/\\*.*?\\*/\\s*)*)with\\s",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern RELATION_EXPRESSION =
      Pattern.compile("^\\s*(ref|source)\\(.*\\)\\s*$", Pattern.DOTALL);
  private final JinjaEnvironment environment;

  public ProjectCompiler(JinjaEnvironment environment) {
    this.environment = requireNonNull(environment, "environment");
  }

  public JinjaEnvironment environment() {
    return environment;
  }

  /** Parses every node: dependencies and {@code config()} calls, without running SQL. */
  public Manifest parse() {
    DbtProject project = environment.project();
    Map<String, Node> nodes = new LinkedHashMap<>();
    Map<String, Set<String>> dependsOn = new LinkedHashMap<>();
    Map<String, String> errors = new LinkedHashMap<>();
    for (Node node : project.nodes().values()) {
      if (node.type() == NodeType.SEED) {
        try {
          node = node.withConfig(renderedConfig(node));
        } catch (DpException e) {
          errors.put(node.uniqueId(), e.getMessage());
        }
        if (node.enabled()) {
          nodes.put(node.uniqueId(), node);
          dependsOn.put(node.uniqueId(), Set.of());
        }
        continue;
      }
      if (node.type() == NodeType.UNIT_TEST) {
        // a unit test of a disabled model is dropped with it
        String modelId = project.unitTests().get(node.uniqueId()).modelId();
        if (node.enabled() && nodes.containsKey(modelId)) {
          nodes.put(node.uniqueId(), node);
          dependsOn.put(node.uniqueId(), Set.of(modelId));
        }
        continue;
      }
      RenderContext context =
          new RenderContext(Optional.of(node), RenderMode.PARSE, false, m -> {});
      Node parsed = node;
      try {
        render(node, context);
        Map<String, Object> config = renderedConfig(node);
        FolderConfigs.merge(config, context.config());
        parsed = node.withConfig(config);
      } catch (DpException e) {
        errors.put(node.uniqueId(), e.getMessage());
      }
      if (!parsed.enabled()) {
        continue;
      }
      Set<String> parents = new LinkedHashSet<>(context.refs());
      parents.addAll(context.sources());
      nodes.put(node.uniqueId(), parsed);
      dependsOn.put(node.uniqueId(), parents);
    }
    environment.useParsedNodes(nodes);
    return new Manifest(project, nodes, dependsOn, errors);
  }

  /**
   * The node's configuration with Jinja in string values rendered, as dbt renders {@code
   * dbt_project.yml} and property files ({@code +enabled: "{{ var('load', false) }}"}): {@code
   * True}/{@code False}/{@code None} become a boolean or nothing. Hooks keep their Jinja; they
   * render when they run.
   */
  private Map<String, Object> renderedConfig(Node node) {
    Map<String, Object> config = new LinkedHashMap<>(node.config());
    for (Map.Entry<String, Object> entry : config.entrySet()) {
      if (entry.getValue() instanceof String text
          && (text.contains("{{") || text.contains("{%"))
          && !entry.getKey().endsWith("hook")) {
        RenderContext context =
            new RenderContext(Optional.of(node), RenderMode.PARSE, false, m -> {});
        String rendered =
            environment.render(text, "dbt_project.yml", context, new LinkedHashMap<>()).strip();
        entry.setValue(
            switch (rendered) {
              case "True", "true" -> Boolean.TRUE;
              case "False", "false" -> Boolean.FALSE;
              case "None", "none" -> null;
              default -> rendered;
            });
      }
    }
    return config;
  }

  /**
   * Compiles a node to SQL for running, with referenced ephemeral models inlined as CTEs.
   *
   * @param incremental whether {@code is_incremental()} is true
   */
  public String compile(Manifest manifest, Node node, boolean incremental, Consumer<String> log) {
    return compile(
        manifest, node, new RenderContext(Optional.of(node), RenderMode.EXECUTE, incremental, log));
  }

  /** Compiles a node with a prepared rendering context (a unit test's substitutions). */
  public String compile(Manifest manifest, Node node, RenderContext context) {
    String parseError = manifest.parseErrors().get(node.uniqueId());
    if (parseError != null) {
      throw new DpException(TransformErrorCode.COMPILATION_ERROR, parseError);
    }
    String sql = render(node, context);
    if (!context.unresolved().isEmpty()) {
      throw new DpException(
          TransformErrorCode.COMPILATION_ERROR,
          "Cannot compile " + node.originalFilePath() + ": unresolved " + context.unresolved());
    }
    return injectCtes(manifest, sql, context.ephemerals(), context::log);
  }

  private String injectCtes(
      Manifest manifest, String sql, Set<String> ephemerals, Consumer<String> log) {
    if (ephemerals.isEmpty()) {
      return sql;
    }
    Map<String, String> ctes = new LinkedHashMap<>();
    collectCtes(manifest, ephemerals, ctes, log);
    List<String> definitions = new ArrayList<>();
    ctes.forEach((name, body) -> definitions.add(name + " as (\n" + body.strip() + "\n)"));
    String prefix = String.join(",\n", definitions);
    var matcher = LEADING_WITH.matcher(sql);
    if (matcher.find()) {
      return matcher.group(1) + "with " + prefix + ",\n" + sql.substring(matcher.end());
    }
    return "with " + prefix + "\n" + sql;
  }

  private void collectCtes(
      Manifest manifest, Set<String> ephemerals, Map<String, String> ctes, Consumer<String> log) {
    for (String id : ephemerals) {
      Node ephemeral = manifest.nodes().get(id);
      Relation relation = environment.relation(ephemeral);
      if (ctes.containsKey(relation.getIdentifier())) {
        continue;
      }
      RenderContext context =
          new RenderContext(Optional.of(ephemeral), RenderMode.EXECUTE, false, log);
      String body = render(ephemeral, context);
      collectCtes(manifest, context.ephemerals(), ctes, log);
      ctes.put(relation.getIdentifier(), body);
    }
  }

  private String render(Node node, RenderContext context) {
    if (node.test().isPresent()) {
      return renderGenericTest(node, node.test().get(), context);
    }
    return environment.render(node.rawCode(), node.originalFilePath(), context, Map.of());
  }

  private String renderGenericTest(Node node, TestMetadata test, RenderContext context) {
    Map<String, Object> variables = new HashMap<>();
    StringBuilder call = new StringBuilder();
    String macro = "test_" + test.testName();
    call.append("{{ ")
        .append(test.namespace().isEmpty() ? macro : test.namespace() + "." + macro)
        .append("(model=__model");
    test.columnName()
        .ifPresent(
            column -> {
              variables.put("__column_name", column);
              call.append(", column_name=__column_name");
            });
    for (Map.Entry<String, Object> argument : test.kwargs().entrySet()) {
      Object value = argument.getValue();
      call.append(", ").append(argument.getKey()).append('=');
      if (value instanceof String text && RELATION_EXPRESSION.matcher(text).matches()) {
        call.append(text.strip());
      } else {
        String variable = "__argument_" + argument.getKey();
        variables.put(variable, value);
        call.append(variable);
      }
    }
    call.append(") }}");
    Object where = node.config().get("where");
    String model = "{% set __model = " + test.modelExpression() + " %}";
    if (where != null) {
      model =
          "{% set __relation = "
              + test.modelExpression()
              + " %}{% set __model = '(select * from ' ~ __relation ~ ' where "
              + where.toString().replace("'", "\\'")
              + ") dbt_subquery' %}";
    }
    return environment.render(model + call, node.originalFilePath(), context, variables);
  }
}

package io.dataplatform.transform.jinja;

import static java.util.Objects.requireNonNull;

import com.hubspot.jinjava.lib.fn.MacroFunction;
import io.dataplatform.api.DpException;
import io.dataplatform.transform.TransformErrorCode;
import io.dataplatform.transform.project.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A project's and its packages' {@code {% materialization name, default %}} blocks (or {@code
 * adapter='duckdb'}), run for models configured with {@code materialized='name'}. The block sees
 * {@code this}, {@code sql}, {@code config}, {@code pre_hooks} and {@code post_hooks}, runs its
 * statements through {@code statement()} and {@code run_hooks()}, and returns {@code {'relations':
 * [...]}}.
 */
public final class CustomMaterializations {
  /** The materializations built into the platform; only the root project may replace them. */
  private static final Set<String> BUILT_IN =
      Set.of("view", "table", "incremental", "ephemeral", "seed", "snapshot", "test");

  static final String FULL_REFRESH_KEY = "__dp_full_refresh";
  private static final String RESULT_KEY = "__dp_materialization_result";
  private final JinjaEnvironment environment;

  CustomMaterializations(JinjaEnvironment environment) {
    this.environment = requireNonNull(environment, "environment");
  }

  /**
   * What a materialization block did: the relations it returned and the main statement's result.
   */
  public record Outcome(List<Relation> relations, String message) {
    public Outcome {
      relations = List.copyOf(requireNonNull(relations, "relations"));
      requireNonNull(message, "message");
    }
  }

  /** Whether a block materializes {@code name} for this project. */
  public boolean defines(String name) {
    return macro(name).isPresent();
  }

  /**
   * The block for {@code name}: DuckDB's before the default one, the root project's before the
   * packages'. A built-in materialization is replaced only by a block of the root project.
   */
  private Optional<MacroFunction> macro(String name) {
    List<String> packages = new ArrayList<>();
    packages.add(environment.project().name());
    if (!BUILT_IN.contains(name)) {
      environment.packages().keySet().stream()
          .filter(p -> !p.equals(environment.project().name()))
          .filter(p -> !p.equals(JinjaEnvironment.BUILTIN_PACKAGE))
          .forEach(packages::add);
    }
    for (String packageName : packages) {
      Map<String, MacroFunction> macros = environment.packages().get(packageName);
      if (macros == null) {
        continue;
      }
      for (String adapter : List.of("duckdb", "default")) {
        MacroFunction macro = macros.get(Templates.materializationMacro(name, adapter));
        if (macro != null) {
          return Optional.of(macro);
        }
      }
    }
    return Optional.empty();
  }

  /** Runs {@code node}'s materialization block with its compiled SQL. */
  public Outcome run(Node node, String compiledSql, boolean fullRefresh, Consumer<String> log) {
    String name = node.materialized();
    MacroFunction macro =
        macro(name)
            .orElseThrow(
                () ->
                    new DpException(
                        TransformErrorCode.COMPILATION_ERROR,
                        "Cannot run model: no materialization block named " + name));
    RenderContext context = new RenderContext(Optional.of(node), RenderMode.EXECUTE, false, log);
    Map<String, Object> variables = new HashMap<>();
    variables.put("sql", compiledSql);
    variables.put("compiled_code", compiledSql);
    variables.put("pre_hooks", hooks(node, "pre-hook"));
    variables.put("post_hooks", hooks(node, "post-hook"));
    variables.put(FULL_REFRESH_KEY, fullRefresh);
    variables.put("__dp_materialization", macro);
    environment.render(
        "{%- set __dp_returned = __dp_dispatch_call(__dp_materialization) -%}"
            + "{%- do __dp_keep_result(__dp_returned) -%}",
        node.originalFilePath(), context, variables);
    Object returned = context.results().get(RESULT_KEY);
    return new Outcome(relations(name, returned), message(context));
  }

  private static List<Relation> relations(String name, Object returned) {
    if (returned instanceof Map<?, ?> map && map.get("relations") instanceof List<?> list) {
      List<Relation> relations = new ArrayList<>();
      for (Object item : list) {
        if (!(item instanceof Relation relation)) {
          throw invalidReturn(name, returned);
        }
        relations.add(relation);
      }
      return relations;
    }
    throw invalidReturn(name, returned);
  }

  private static DpException invalidReturn(String name, Object returned) {
    return new DpException(
        TransformErrorCode.COMPILATION_ERROR,
        "Cannot run materialization "
            + name
            + ": it must end with {{ return({'relations': [...]}) }} listing relations "
            + (returned == null || returned instanceof String
                ? "(returned nothing)"
                : "(returned " + returned + ")"));
  }

  /** {@code OK}, with the main statement's row count when it reported one. */
  private static String message(RenderContext context) {
    if (context.results().get("main") instanceof Map<?, ?> main
        && main.get("response") instanceof Map<?, ?> response
        && response.get("rows_affected") instanceof Number rows
        && rows.longValue() > 0) {
      return "OK " + rows.longValue();
    }
    return "OK";
  }

  /** The node's hooks as dbt hands them to materializations: {@code {sql, transaction, index}}. */
  static List<Map<String, Object>> hooks(Node node, String key) {
    Object configured = node.config().get(key);
    List<?> list =
        configured instanceof List<?> l ? l : configured == null ? List.of() : List.of(configured);
    List<Map<String, Object>> hooks = new ArrayList<>();
    for (Object hook : list) {
      Map<String, Object> entry = new LinkedHashMap<>();
      if (hook instanceof Map<?, ?> map) {
        entry.put("sql", String.valueOf(map.get("sql")));
        entry.put("transaction", !Boolean.FALSE.equals(map.get("transaction")));
      } else {
        entry.put("sql", String.valueOf(hook));
        entry.put("transaction", true);
      }
      entry.put("index", hooks.size());
      hooks.add(entry);
    }
    return hooks;
  }

  static void keepResult(RenderContext context, Object value) {
    context.results().put(RESULT_KEY, value);
  }
}

package io.dataplatform.transform.jinja;

import static java.util.Objects.requireNonNull;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import io.dataplatform.api.DpException;
import io.dataplatform.transform.TransformErrorCode;
import io.dataplatform.transform.jinja.modules.PythonModules;
import io.dataplatform.transform.project.DbtProject;
import io.dataplatform.transform.project.MacroFile;
import io.dataplatform.transform.project.Node;
import io.dataplatform.transform.project.NodeType;
import io.dataplatform.transform.project.SourceTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ELResolver;

/**
 * Renders a project's templates with dbt's Jinja context: the project's and packages' macros, the
 * built-in cross-database macros and generic tests, and the dbt functions ({@code ref}, {@code
 * source}, {@code config}, {@code var}, {@code adapter}, {@code run_query}, …). Thread-safe.
 */
public final class JinjaEnvironment {
  static final String BUILTIN_PACKAGE = "dbt";
  private static final Pattern UNKNOWN_FUNCTION =
      Pattern.compile("Could not resolve function '([^']+)'");
  private final DbtProject project;
  private final SqlRunner runner;
  private final Jinjava jinjava;

  private static final int MAX_MACRO_DEPTH = 200;

  /** Macros by package name (including {@code dbt} for the built-ins), then by macro name. */
  private final Map<String, Map<String, MacroFunction>> packages = new LinkedHashMap<>();

  private final Map<String, Relation> relations = new ConcurrentHashMap<>();
  private final Map<String, Node> parsedNodes = new ConcurrentHashMap<>();
  private final CustomMaterializations materializations = new CustomMaterializations(this);
  private final Object runStartedAt = PythonModules.utcDateTime(java.time.Instant.now());
  private final String invocationId = java.util.UUID.randomUUID().toString();

  public JinjaEnvironment(DbtProject project, SqlRunner runner) {
    this.project = requireNonNull(project, "project");
    this.runner = requireNonNull(runner, "runner");
    this.jinjava =
        new PythonJinjava(
            JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(false)
                .withNestedInterpretationEnabled(false)
                .withMaxOutputSize(0)
                // Python's Jinja lets a macro call itself and lets dispatched macros nest, which
                // Jinjava reports as a cycle of the shared dispatch function unless enabled.
                .withEnableRecursiveMacroCalls(true)
                .withMaxMacroRecursionDepth(MAX_MACRO_DEPTH)
                .withElResolver(resolver())
                .build());
    Context global = jinjava.getGlobalContext();
    new DbtFunctions(this).register(global);
    new MaterializationFunctions(this).register(global);
    StrictUndefined.register(global);
    loadMacros(new MacroFile(BUILTIN_PACKAGE, "builtin_macros.sql", builtinMacros()));
    for (MacroFile file : project.macroFiles()) {
      if (!file.packageName().equals(project.name())) {
        loadMacros(file);
      }
    }
    for (MacroFile file : project.macroFiles()) {
      if (file.packageName().equals(project.name())) {
        loadMacros(file);
      }
    }
    for (Map.Entry<String, Map<String, MacroFunction>> entry : packages.entrySet()) {
      global.put(entry.getKey(), entry.getValue());
    }
  }

  /** Python's string methods first, then Jinjava's read-only resolvers. */
  private static ELResolver resolver() {
    CompositeELResolver resolver = new CompositeELResolver();
    resolver.add(new PythonStrings());
    resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
    return resolver;
  }

  /**
   * Uses the nodes' final configuration (after their {@code config()} calls were parsed) for {@code
   * ref} and relation names from now on.
   */
  public void useParsedNodes(Map<String, Node> nodes) {
    parsedNodes.putAll(nodes);
    relations.clear();
  }

  /** The node with its parsed configuration when parsing is done, else as loaded. */
  Node resolved(Node node) {
    return parsedNodes.getOrDefault(node.uniqueId(), node);
  }

  /** The project's and packages' materialization blocks. */
  public CustomMaterializations materializations() {
    return materializations;
  }

  public DbtProject project() {
    return project;
  }

  SqlRunner runner() {
    return runner;
  }

  Map<String, Map<String, MacroFunction>> packages() {
    return packages;
  }

  private void loadMacros(MacroFile file) {
    Context context = new Context(jinjava.getGlobalContext());
    JinjavaInterpreter interpreter =
        new JinjavaInterpreter(jinjava, context, jinjava.getGlobalConfig());
    context.put(
        Fn.CONTEXT_KEY, new RenderContext(Optional.empty(), RenderMode.PARSE, false, m -> {}));
    JinjavaInterpreter.pushCurrent(interpreter);
    try {
      interpreter.render(Templates.preprocess(file.text()));
    } finally {
      JinjavaInterpreter.popCurrent();
    }
    for (TemplateError error : interpreter.getErrors()) {
      if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
        throw new DpException(
            TransformErrorCode.COMPILATION_ERROR,
            "Cannot load macros: "
                + error.getMessage()
                + " ("
                + file.originalFilePath()
                + ":"
                + error.getLineno()
                + ")");
      }
    }
    Map<String, MacroFunction> namespace =
        packages.computeIfAbsent(file.packageName(), name -> new LinkedHashMap<>());
    for (MacroFunction macro : context.getGlobalMacros().values()) {
      MacroFunction wrapped = new ReturningMacro(macro, macro.getName(), file.originalFilePath());
      namespace.put(macro.getName(), wrapped);
      jinjava.getGlobalContext().addGlobalMacro(wrapped);
    }
  }

  private static String builtinMacros() {
    try (InputStream in = JinjaEnvironment.class.getResourceAsStream("builtin_macros.sql")) {
      return new String(
          requireNonNull(in, "builtin_macros.sql").readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the built-in macros", e);
    }
  }

  /**
   * Renders {@code template} for {@code context}.
   *
   * @param file the file the template came from, for error messages
   * @param variables extra variables ({@code this}, {@code model}, …)
   */
  public String render(
      String template, String file, RenderContext context, Map<String, Object> variables) {
    Map<String, Object> bindings = new HashMap<>(variables);
    bindings.put(Fn.CONTEXT_KEY, context);
    bindings.put("execute", context.executing());
    bindings.put("target", targetMap());
    bindings.put("config", new ConfigAccessor(context));
    bindings.put("project_name", project.name());
    bindings.put("run_started_at", runStartedAt);
    bindings.put("invocation_id", invocationId);
    context
        .node()
        .ifPresent(
            node ->
                bindings.putIfAbsent(
                    "this",
                    context
                        .thisFixture()
                        .map(cte -> new Relation("", cte, "cte"))
                        .orElseGet(() -> relation(node))));
    context
        .node()
        .filter(node -> node.type() != NodeType.TEST)
        .ifPresent(
            node -> {
              bindings.putIfAbsent("schema", relation(node).getSchema());
              bindings.putIfAbsent("database", Relation.DATABASE);
            });
    context.node().ifPresent(node -> bindings.putIfAbsent("model", nodeMap(node)));
    RenderResult result = null;
    try {
      result = jinjava.renderForResult(Templates.preprocess(template), bindings);
    } catch (DpException e) {
      context.fail(e);
    }
    Optional<RuntimeException> raised = context.error();
    if (raised.isPresent()) {
      RuntimeException error = raised.get();
      String message = error.getMessage() == null ? error.toString() : error.getMessage();
      String line =
          error instanceof DpException platform && platform.position().isPresent()
              ? ":" + platform.position().get().line()
              : "";
      throw new DpException(
          TransformErrorCode.COMPILATION_ERROR,
          "Cannot compile " + file + ": " + message + " (" + file + line + ")",
          error);
    }
    for (TemplateError error : result.getErrors()) {
      if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
        throw new DpException(
            TransformErrorCode.COMPILATION_ERROR,
            "Cannot compile "
                + file
                + ": "
                + message(error)
                + " ("
                + file
                + ":"
                + error.getLineno()
                + ")");
      }
    }
    return result.getOutput();
  }

  /** The message of a template error; a platform error raised inside keeps its own message. */
  private static String message(TemplateError error) {
    for (Throwable cause = error.getException(); cause != null; cause = cause.getCause()) {
      if (cause instanceof DpException platform) {
        return platform.getMessage();
      }
    }
    Matcher unknownFunction = UNKNOWN_FUNCTION.matcher(String.valueOf(error.getMessage()));
    if (unknownFunction.find()) {
      return "'" + unknownFunction.group(1) + "' is undefined";
    }
    return error.getMessage();
  }

  /** The relation a model, seed or snapshot materializes as. */
  public Relation relation(Node node) {
    return relations.computeIfAbsent(node.uniqueId(), id -> computeRelation(node));
  }

  private Relation computeRelation(Node node) {
    Object custom = node.config().get("schema");
    RenderContext context = new RenderContext(Optional.empty(), RenderMode.PARSE, false, m -> {});
    Map<String, Object> variables = new HashMap<>();
    variables.put("__custom_schema", custom);
    variables.put("__node", nodeMap(node));
    String schema =
        render(
                "{{ generate_schema_name(__custom_schema, __node) }}",
                node.originalFilePath(),
                context,
                variables)
            .strip()
            .toLowerCase();
    Object alias = node.config().get("alias");
    variables.put("__custom_alias", alias);
    String identifier =
        render(
                "{{ generate_alias_name(__custom_alias, __node) }}",
                node.originalFilePath(),
                context,
                variables)
            .strip()
            .toLowerCase();
    Object targetSchema = node.config().get("target_schema");
    if (node.type() == NodeType.SNAPSHOT && targetSchema != null) {
      schema = targetSchema.toString().toLowerCase();
    }
    String type = node.materialized().equals("view") ? "view" : "table";
    if (node.materialized().equals("ephemeral")) {
      return new Relation(schema, "__dbt__cte__" + node.name(), "cte");
    }
    return new Relation(schema, identifier, type);
  }

  /** The relation of a source table. */
  public Relation relation(SourceTable source) {
    return new Relation(source.schema(), source.identifier(), "table");
  }

  Map<String, Object> targetMap() {
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("name", project.target().name());
    target.put("schema", project.target().schema());
    target.put("type", project.target().type());
    target.put("database", project.target().database());
    target.put("threads", project.target().threads());
    target.put("profile_name", project.root().profile());
    return target;
  }

  static Map<String, Object> nodeMap(Node node) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", node.name());
    map.put("unique_id", node.uniqueId());
    map.put("resource_type", node.type().resourceType());
    map.put("package_name", node.packageName());
    map.put("original_file_path", node.originalFilePath());
    map.put("path", node.path());
    map.put("fqn", node.fqn());
    map.put("config", node.config());
    map.put("tags", node.tags());
    map.put("description", node.description());
    return map;
  }
}

package io.dataplatform.transform.jinja;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import io.dataplatform.api.DpException;
import io.dataplatform.transform.TransformErrorCode;
import io.dataplatform.transform.jinja.modules.PythonModules;
import io.dataplatform.transform.project.DbtProject;
import io.dataplatform.transform.project.FolderConfigs;
import io.dataplatform.transform.project.Node;
import io.dataplatform.transform.project.SourceTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The dbt functions templates call: ref, source, config, var, adapter, run_query, … */
final class DbtFunctions {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private final JinjaEnvironment environment;
  private final DbtProject project;

  DbtFunctions(JinjaEnvironment environment) {
    this.environment = environment;
    this.project = environment.project();
  }

  void register(Context global) {
    global.addGlobalMacro(new Fn("ref", (a, c) -> ref(a, c), "arg1", "arg2"));
    global.addGlobalMacro(new Fn("source", (a, c) -> source(a, c), "source_name", "table_name"));
    global.addGlobalMacro(new Fn("config", (a, c) -> config(a, c)));
    global.addGlobalMacro(new Fn("var", (a, c) -> var(a, c), "name", "default"));
    global.addGlobalMacro(new Fn("env_var", (a, c) -> envVar(a, c), "name", "default"));
    global.addGlobalMacro(new Fn("is_incremental", (a, c) -> c.incremental() && c.executing()));
    global.addGlobalMacro(new Fn("return", (a, c) -> returnValue(a), "value"));
    global.addGlobalMacro(new Fn("log", (a, c) -> log(a, c), "msg", "info"));
    global.addGlobalMacro(new Fn("print", (a, c) -> log(a, c), "msg"));
    global.addGlobalMacro(
        new Fn("doc", (a, c) -> project.docs().getOrDefault(a.string("name"), ""), "name"));
    global.addGlobalMacro(
        new Fn("fromjson", (a, c) -> parse(JSON, a.string("string")), "string", "default"));
    global.addGlobalMacro(
        new Fn("fromyaml", (a, c) -> parse(YAML, a.string("string")), "string", "default"));
    global.addGlobalMacro(new Fn("tojson", (a, c) -> toJson(a.value("value")), "value", "default"));
    global.addGlobalMacro(new Fn("run_query", (a, c) -> runQuery(a.string("sql"), c), "sql"));
    global.addGlobalMacro(
        new Fn("statement", (a, c) -> statement(a, c), "name", "fetch_result", "auto_begin"));
    global.addGlobalMacro(
        new Fn("load_result", (a, c) -> c.results().get(a.string("name")), "name"));
    global.addGlobalMacro(
        new Fn("__dp_dispatch", (a, c) -> dispatch(a), "macro_name", "macro_namespace"));
    global.addGlobalMacro(new Fn("__dp_dispatch_call", (a, c) -> dispatchCall(a)));
    global.addGlobalMacro(
        new Fn("__dp_splat", (a, c) -> new PositionalSplat(a.value("values")), "values"));
    global.addGlobalMacro(
        new Fn("__dp_splat_keywords", (a, c) -> new KeywordSplat(a.value("mapping")), "mapping"));
    Map<String, Object> adapter = new LinkedHashMap<>();
    adapter.put(
        "dispatch", new Fn("dispatch", (a, c) -> dispatch(a), "macro_name", "macro_namespace"));
    adapter.put(
        "get_relation",
        new Fn("get_relation", (a, c) -> getRelation(a, c), "database", "schema", "identifier"));
    adapter.put(
        "get_columns_in_relation",
        new Fn("get_columns_in_relation", (a, c) -> columns(a, c), "relation"));
    adapter.put(
        "quote", new Fn("quote", (a, c) -> "\"" + a.string("identifier") + "\"", "identifier"));
    adapter.put("type", new Fn("type", (a, c) -> "duckdb"));
    global.put("adapter", adapter);
    global.put("api", Map.of("Relation", Map.of("create", createRelation())));
    global.put("modules", PythonModules.create());
    Map<String, Object> exceptions = new LinkedHashMap<>();
    exceptions.put(
        "raise_compiler_error",
        new Fn(
            "raise_compiler_error",
            (a, c) -> {
              throw new DpException(TransformErrorCode.COMPILATION_ERROR, a.string("msg"));
            },
            "msg"));
    exceptions.put("warn", new Fn("warn", (a, c) -> log(a, c), "msg"));
    global.put("exceptions", exceptions);
  }

  /** {@code api.Relation.create(database=, schema=, identifier=, type=)}. */
  private static Fn createRelation() {
    return new Fn(
        "create",
        (a, c) -> {
          String database = a.string("database") == null ? Relation.DATABASE : a.string("database");
          String schema = a.string("schema") == null ? "" : a.string("schema");
          String type = a.string("type") == null ? "table" : a.string("type");
          if (a.string("identifier") == null) {
            return new Relation(database, schema, "", type)
                .include(new NamedParameter("identifier", false));
          }
          return new Relation(database, schema, a.string("identifier"), type);
        },
        "database",
        "schema",
        "identifier",
        "type");
  }

  private Object ref(Fn.Arguments arguments, RenderContext context) {
    String packageName = arguments.string("arg2") == null ? null : arguments.string("arg1");
    String name =
        arguments.string("arg2") == null ? arguments.string("arg1") : arguments.string("arg2");
    Optional<Node> target = project.refable(packageName, name);
    if (target.isEmpty()) {
      String label = packageName == null ? name : packageName + "." + name;
      context.unresolved().add("ref('" + label + "')");
      if (context.executing()) {
        throw new DpException(
            TransformErrorCode.COMPILATION_ERROR,
            "Cannot resolve ref: no model, seed or snapshot named " + label);
      }
      return new Relation(project.target().schema(), name, "table");
    }
    Node node = environment.resolved(target.get());
    context.refs().add(node.uniqueId());
    Optional<String> fixture = context.fixture(node.uniqueId());
    if (fixture.isPresent()) {
      return new Relation("", fixture.get(), "cte");
    }
    Relation relation = environment.relation(node);
    if (node.materialized().equals("ephemeral")) {
      context.ephemerals().add(node.uniqueId());
    }
    return relation;
  }

  private Object source(Fn.Arguments arguments, RenderContext context) {
    String sourceName = arguments.string("source_name");
    String tableName = arguments.string("table_name");
    Optional<SourceTable> table = project.source(sourceName, tableName);
    if (table.isEmpty()) {
      context.unresolved().add("source('" + sourceName + "', '" + tableName + "')");
      if (context.executing()) {
        throw new DpException(
            TransformErrorCode.COMPILATION_ERROR,
            "Cannot resolve source: no source table " + sourceName + "." + tableName);
      }
      return new Relation(sourceName, tableName, "table");
    }
    context.sources().add(table.get().uniqueId());
    Optional<String> fixture = context.fixture(table.get().uniqueId());
    if (fixture.isPresent()) {
      return new Relation("", fixture.get(), "cte");
    }
    return environment.relation(table.get());
  }

  private Object config(Fn.Arguments arguments, RenderContext context) {
    Map<String, Object> values = new LinkedHashMap<>();
    arguments.keywords().forEach((k, v) -> values.put(FolderConfigs.configKey(k), v));
    for (Object extra : arguments.extra()) {
      if (extra instanceof Map<?, ?> map) {
        map.forEach((k, v) -> values.put(FolderConfigs.configKey(String.valueOf(k)), v));
      }
    }
    FolderConfigs.merge(context.config(), values);
    return "";
  }

  private Object var(Fn.Arguments arguments, RenderContext context) {
    String name = arguments.string("name");
    Optional<Object> override = context.varOverride(name);
    if (override.isPresent()) {
      return override.get();
    }
    if (project.cliVars().containsKey(name)) {
      return project.cliVars().get(name);
    }
    String packageName = context.node().map(Node::packageName).orElse(project.name());
    Map<String, Object> rootVars = project.root().vars();
    Map<String, Object> scoped = asMap(rootVars.get(packageName));
    if (scoped != null && scoped.containsKey(name)) {
      return scoped.get(name);
    }
    if (rootVars.containsKey(name)
        && !(rootVars.get(name) instanceof Map<?, ?> && isPackage(name))) {
      return rootVars.get(name);
    }
    for (var config : project.packages()) {
      if (config.name().equals(packageName) && config.vars().containsKey(name)) {
        return config.vars().get(name);
      }
    }
    if (arguments.named().get("default") != null || arguments.extra().size() > 0) {
      return arguments.named().get("default");
    }
    if (!context.executing()) {
      return null;
    }
    throw new DpException(
        TransformErrorCode.COMPILATION_ERROR,
        "Cannot read var: required var '" + name + "' is not set in the project or with --vars");
  }

  private boolean isPackage(String name) {
    return project.packages().stream().anyMatch(p -> p.name().equals(name))
        || project.name().equals(name);
  }

  private static Object envVar(Fn.Arguments arguments, RenderContext context) {
    String name = arguments.string("name");
    Optional<Object> override = context.envVarOverride(name);
    if (override.isPresent()) {
      return String.valueOf(override.get());
    }
    String value = System.getenv(name);
    if (value != null) {
      return value;
    }
    if (arguments.named().get("default") != null) {
      return arguments.named().get("default");
    }
    throw new DpException(
        TransformErrorCode.COMPILATION_ERROR,
        "Cannot read env_var: environment variable " + name + " is not set and has no default");
  }

  private static Object returnValue(Fn.Arguments arguments) {
    ReturningMacro.setReturnValue(arguments.value("value"));
    return "";
  }

  private static Object log(Fn.Arguments arguments, RenderContext context) {
    if (context.executing()) {
      context.log(String.valueOf(arguments.value("msg")));
    }
    return "";
  }

  private static Object parse(ObjectMapper mapper, String text) {
    try {
      return text == null ? null : mapper.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new DpException(
          TransformErrorCode.COMPILATION_ERROR, "Cannot parse text: " + e.getOriginalMessage());
    }
  }

  private static Object toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new DpException(
          TransformErrorCode.COMPILATION_ERROR, "Cannot write JSON: " + e.getMessage());
    }
  }

  private Object runQuery(String sql, RenderContext context) {
    if (!context.executing()) {
      return null;
    }
    return environment.runner().query(sql);
  }

  private Object statement(Fn.Arguments arguments, RenderContext context) {
    MacroFunction caller = JinjavaInterpreter.getCurrent().getContext().getGlobalMacro("caller");
    String sql = caller == null ? "" : String.valueOf(caller.evaluate());
    if (!context.executing()) {
      return "";
    }
    Object fetch = arguments.value("fetch_result");
    String name = arguments.string("name");
    if (fetch != null && Boolean.parseBoolean(fetch.toString())) {
      QueryTable table = environment.runner().query(sql);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("table", table);
      result.put("data", table.getRows());
      result.put("response", Map.of("rows_affected", table.getRows().size()));
      context.results().put(name, result);
    } else {
      long count = environment.runner().execute(sql);
      context
          .results()
          .put(name, Map.of("response", Map.of("rows_affected", count), "data", List.of()));
    }
    return "";
  }

  private Object dispatch(Fn.Arguments arguments) {
    String name = arguments.string("macro_name");
    String namespace = arguments.string("macro_namespace");
    List<String> searchOrder = new ArrayList<>();
    if (namespace != null && project.root().dispatch().containsKey(namespace)) {
      searchOrder.addAll(project.root().dispatch().get(namespace));
    } else {
      searchOrder.add(project.name());
      if (namespace != null) {
        searchOrder.add(namespace);
      }
    }
    searchOrder.add(JinjaEnvironment.BUILTIN_PACKAGE);
    for (String packageName : searchOrder) {
      Map<String, MacroFunction> macros = environment.packages().get(packageName);
      if (macros == null) {
        continue;
      }
      for (String prefix : List.of("duckdb__", "default__")) {
        MacroFunction macro = macros.get(prefix + name);
        if (macro != null) {
          return macro;
        }
      }
    }
    throw new DpException(
        TransformErrorCode.COMPILATION_ERROR,
        "Cannot dispatch macro: no duckdb__"
            + name
            + " or default__"
            + name
            + " in "
            + searchOrder);
  }

  private static Object dispatchCall(Fn.Arguments arguments) {
    List<Object> extra = arguments.extra();
    MacroFunction macro = (MacroFunction) extra.get(0);
    List<Object> callArguments = new ArrayList<>();
    for (Object argument : extra.subList(1, extra.size())) {
      if (argument instanceof PositionalSplat splat && splat.values() instanceof Iterable<?> all) {
        all.forEach(callArguments::add);
      } else if (argument instanceof KeywordSplat splat && splat.mapping() instanceof Map<?, ?> m) {
        m.forEach((k, v) -> callArguments.add(new NamedParameter(String.valueOf(k), v)));
      } else if (!(argument instanceof PositionalSplat || argument instanceof KeywordSplat)) {
        callArguments.add(argument);
      }
    }
    arguments.keywords().forEach((k, v) -> callArguments.add(new NamedParameter(k, v)));
    return macro.evaluate(callArguments.toArray());
  }

  private Object getRelation(Fn.Arguments arguments, RenderContext context) {
    if (!context.executing()) {
      return null;
    }
    return environment
        .runner()
        .relation(
            arguments.string("schema").toLowerCase(), arguments.string("identifier").toLowerCase())
        .orElse(null);
  }

  private Object columns(Fn.Arguments arguments, RenderContext context) {
    if (!context.executing()) {
      return List.of();
    }
    Object value = arguments.value("relation");
    if (!(value instanceof Relation relation)) {
      throw new DpException(
          TransformErrorCode.COMPILATION_ERROR,
          "Cannot read columns: the argument is not a relation (" + value + ")");
    }
    return environment.runner().columns(relation.getSchema(), relation.getIdentifier());
  }

  /** A {@code *values} argument of a dispatched call. */
  private record PositionalSplat(Object values) {}

  /** A {@code **mapping} argument of a dispatched call. */
  private record KeywordSplat(Object mapping) {}

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
  }
}

package io.dataplatform.transform.jinja;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import io.dataplatform.api.DpException;
import io.dataplatform.transform.TransformErrorCode;
import io.dataplatform.transform.project.Node;
import java.util.List;
import java.util.Map;

/**
 * The functions materialization blocks call: {@code run_hooks}, {@code should_full_refresh}, {@code
 * load_relation}, {@code adapter.drop_relation} and {@code adapter.commit}.
 */
final class MaterializationFunctions {
  private final JinjaEnvironment environment;

  MaterializationFunctions(JinjaEnvironment environment) {
    this.environment = environment;
  }

  @SuppressWarnings("unchecked")
  void register(Context global) {
    global.addGlobalMacro(
        new Fn(
            "__dp_keep_result",
            (a, c) -> {
              CustomMaterializations.keepResult(c, a.value("value"));
              return "";
            },
            "value"));
    global.addGlobalMacro(
        new Fn("run_hooks", (a, c) -> runHooks(a, c), "hooks", "inside_transaction", "span_name"));
    global.addGlobalMacro(new Fn("should_full_refresh", (a, c) -> shouldFullRefresh(c)));
    global.addGlobalMacro(
        new Fn("load_relation", (a, c) -> loadRelation(a.value("relation"), c), "relation"));
    Map<String, Object> adapter = (Map<String, Object>) global.get("adapter");
    adapter.put("commit", new Fn("commit", (a, c) -> ""));
    adapter.put(
        "drop_relation",
        new Fn("drop_relation", (a, c) -> dropRelation(a.value("relation"), c), "relation"));
  }

  private Object runHooks(Fn.Arguments arguments, RenderContext context) {
    Object hooks = arguments.value("hooks");
    Object inside = arguments.value("inside_transaction");
    boolean transaction = inside == null || Boolean.parseBoolean(inside.toString());
    if (!context.executing() || !(hooks instanceof List<?> list)) {
      return "";
    }
    String file = context.node().map(Node::originalFilePath).orElse("hook");
    for (Object hook : list) {
      if (!(hook instanceof Map<?, ?> map)
          || !Boolean.valueOf(transaction).equals(map.get("transaction"))) {
        continue;
      }
      String sql = environment.render(String.valueOf(map.get("sql")), file, context, Map.of());
      if (!sql.isBlank()) {
        environment.runner().execute(sql);
      }
    }
    return "";
  }

  private static Object shouldFullRefresh(RenderContext context) {
    Object configured = context.node().map(node -> node.config().get("full_refresh")).orElse(null);
    if (configured != null) {
      return Boolean.parseBoolean(configured.toString());
    }
    Object flag =
        JinjavaInterpreter.getCurrent().getContext().get(CustomMaterializations.FULL_REFRESH_KEY);
    return Boolean.TRUE.equals(flag);
  }

  private Object loadRelation(Object value, RenderContext context) {
    Relation relation = relation(value, "load_relation");
    if (!context.executing()) {
      return null;
    }
    return environment
        .runner()
        .relation(relation.getSchema(), relation.getIdentifier())
        .orElse(null);
  }

  private Object dropRelation(Object value, RenderContext context) {
    Relation relation = relation(value, "drop_relation");
    if (context.executing()) {
      environment
          .runner()
          .execute("DROP " + (relation.getIs_view() ? "VIEW" : "TABLE") + " IF EXISTS " + relation);
    }
    return "";
  }

  private static Relation relation(Object value, String function) {
    if (value instanceof Relation relation) {
      return relation;
    }
    throw new DpException(
        TransformErrorCode.COMPILATION_ERROR,
        "Cannot call " + function + ": the argument is not a relation (" + value + ")");
  }
}

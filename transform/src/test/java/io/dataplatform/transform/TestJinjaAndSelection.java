package io.dataplatform.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dataplatform.api.DpException;
import io.dataplatform.transform.compile.Manifest;
import io.dataplatform.transform.compile.ProjectCompiler;
import io.dataplatform.transform.graph.Selector;
import io.dataplatform.transform.jinja.JinjaEnvironment;
import io.dataplatform.transform.jinja.RenderContext;
import io.dataplatform.transform.jinja.RenderMode;
import io.dataplatform.transform.project.DbtProject;
import io.dataplatform.transform.project.ProjectLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestJinjaAndSelection {
  private final FakeSqlRunner runner = new FakeSqlRunner();

  private ProjectCompiler compiler(String name, Map<String, Object> vars) {
    DbtProject project = ProjectLoader.load(Fixtures.project(name), Optional.empty(), vars);
    return new ProjectCompiler(new JinjaEnvironment(project, runner));
  }

  @Test
  void compilesRefsSourcesVarsAndCustomSchemas() {
    ProjectCompiler compiler = compiler("selection", Map.of());
    Manifest manifest = compiler.parse();
    assertEquals(
        Set.of("model.selection.stg_orders", "model.selection.stg_customers"),
        manifest.parents("model.selection.orders"));
    assertEquals(
        Set.of("source.selection.shop.orders"), manifest.parents("model.selection.stg_orders"));
    assertEquals(
        List.of("all", "stage", "pii"),
        manifest.nodes().get("model.selection.stg_customers").tags());
    assertEquals(
        "select * from raw.shop_orders where region = 'eu'",
        compiler
            .compile(manifest, manifest.nodes().get("model.selection.stg_orders"), false, m -> {})
            .strip());
    assertEquals(
        "select * from main_staging.stg_orders join main_staging.stg_customers using (customer_id)",
        compiler
            .compile(manifest, manifest.nodes().get("model.selection.orders"), false, m -> {})
            .strip());
    ProjectCompiler overridden = compiler("selection", Map.of("region", "us"));
    Manifest second = overridden.parse();
    assertEquals(
        "select * from raw.shop_orders where region = 'us'",
        overridden
            .compile(second, second.nodes().get("model.selection.stg_orders"), false, m -> {})
            .strip());
  }

  @Test
  void genericTestsCompileWithWhereAndStatementsRunWhenExecuting() {
    ProjectCompiler compiler = compiler("selection", Map.of());
    Manifest manifest = compiler.parse();
    String test =
        manifest.nodes().keySet().stream()
            .filter(id -> id.startsWith("test.selection.not_null"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        "select id\nfrom (select * from main.orders where id > 0) dbt_subquery\nwhere id is null",
        compiler.compile(manifest, manifest.nodes().get(test), false, m -> {}).strip());
    JinjaEnvironment environment = compiler.environment();
    List<String> logged = new ArrayList<>();
    RenderContext executing =
        new RenderContext(Optional.empty(), RenderMode.EXECUTE, false, logged::add);
    String text =
        environment.render(
            "{% call statement('s', fetch_result=True) %}select 42{% endcall %}"
                + "{{ load_result('s')['data'][0][0] }} {{ run_query('select 1').columns[0].values()[0] }}"
                + " {{ adapter.get_columns_in_relation(ref('orders')) | map(attribute='name') | join(',') }}"
                + "{% do log('hello', info=True) %} {{ dbt.safe_cast('x', dbt.type_int()) }}",
            "inline.sql", executing, Map.of());
    assertEquals("42 42 id,name try_cast(x as integer)", text);
    assertEquals(List.of("select 42", "select 1"), runner.statements);
    assertEquals(List.of("hello"), logged);
    RenderContext parsing = new RenderContext(Optional.empty(), RenderMode.PARSE, false, m -> {});
    assertEquals(
        "", environment.render("{{ run_query('select 1') }}", "inline.sql", parsing, Map.of()));
    assertEquals(List.of("select 42", "select 1"), runner.statements);
  }

  @Test
  void errorsNameTheFileAndLine() {
    JinjaEnvironment environment = compiler("selection", Map.of()).environment();
    RenderContext context = new RenderContext(Optional.empty(), RenderMode.EXECUTE, false, m -> {});
    DpException raised =
        assertThrows(
            DpException.class,
            () ->
                environment.render(
                    "select 1\n{{ exceptions.raise_compiler_error('bad input') }}",
                    "models/x.sql",
                    context,
                    Map.of()));
    assertEquals("Cannot compile models/x.sql: bad input (models/x.sql)", raised.getMessage());
    DpException syntax =
        assertThrows(
            DpException.class,
            () ->
                environment.render(
                    "select 1\n\n{% for %}",
                    "models/y.sql",
                    new RenderContext(Optional.empty(), RenderMode.EXECUTE, false, m -> {}),
                    Map.of()));
    assertEquals(
        true, syntax.getMessage().startsWith("Cannot compile models/y.sql: "), syntax.getMessage());
    assertEquals(true, syntax.getMessage().endsWith("(models/y.sql:3)"), syntax.getMessage());
    DpException missingVar =
        assertThrows(
            DpException.class,
            () ->
                environment.render(
                    "{{ var('nope') }}",
                    "models/z.sql",
                    new RenderContext(Optional.empty(), RenderMode.EXECUTE, false, m -> {}),
                    Map.of()));
    assertEquals(
        "Cannot compile models/z.sql: Cannot read var: required var 'nope' is not set in the"
            + " project or with --vars (models/z.sql)",
        missingVar.getMessage());
  }

  @Test
  void selectorMethodsAndGraphOperators() {
    Manifest manifest = compiler("selection", Map.of()).parse();
    Selector selector = new Selector(manifest);
    assertEquals(
        Set.of("model.selection.orders", "model.selection.revenue"),
        selector.select(List.of("path:models/marts"), List.of("resource_type:test")));
    assertEquals(
        Set.of("model.selection.stg_orders", "model.selection.orders"),
        selector.select(List.of("+orders"), List.of("stg_customers", "resource_type:test")));
    assertEquals(
        Set.of("model.selection.stg_orders", "model.selection.orders", "model.selection.revenue"),
        selector.select(List.of("source:shop.orders+"), List.of("resource_type:test")));
    assertEquals(
        Set.of("model.selection.stg_customers"), selector.select(List.of("tag:pii"), List.of()));
    assertEquals(
        Set.of("model.selection.revenue"),
        selector.select(List.of("config.materialized:incremental"), List.of()));
    assertEquals(
        Set.of("model.selection.orders"),
        selector.select(List.of("tag:yaml,config.materialized:table"), List.of()));
    assertEquals(
        Set.of(
            "model.selection.stg_orders",
            "model.selection.stg_customers",
            "model.selection.orders"),
        selector.select(List.of("1+orders"), List.of("resource_type:test")));
    // a bare word or fqn: is a name or a dotted fqn prefix, with or without the package name
    assertEquals(
        Set.of("model.selection.orders", "model.selection.revenue"),
        selector.select(List.of("marts"), List.of("resource_type:test")));
    assertEquals(
        Set.of("model.selection.orders", "model.selection.revenue"),
        selector.select(List.of("fqn:selection.marts"), List.of("resource_type:test")));
    assertEquals(
        Set.of("model.selection.orders"),
        selector.select(List.of("marts.orders"), List.of("resource_type:test")));
    assertEquals(
        Set.of("model.selection.stg_orders", "model.selection.orders", "model.selection.revenue"),
        selector.select(List.of("+marts"), List.of("stg_customers", "resource_type:test")));
    DpException unknown =
        assertThrows(DpException.class, () -> selector.select(List.of("colour:red"), List.of()));
    assertEquals("Cannot select nodes: unknown selector method colour", unknown.getMessage());
  }
}

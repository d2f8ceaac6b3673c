package io.dataplatform.transform.execute;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.transform.TransformErrorCode;
import io.dataplatform.transform.compile.Manifest;
import io.dataplatform.transform.compile.ProjectCompiler;
import io.dataplatform.transform.jinja.ColumnRelation;
import io.dataplatform.transform.jinja.QueryTable;
import io.dataplatform.transform.jinja.Relation;
import io.dataplatform.transform.jinja.RenderContext;
import io.dataplatform.transform.jinja.RenderMode;
import io.dataplatform.transform.jinja.SqlRunner;
import io.dataplatform.transform.project.DbtProject;
import io.dataplatform.transform.project.Node;
import io.dataplatform.transform.project.SourceTable;
import io.dataplatform.transform.project.UnitTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a unit test: the model's SQL with each given {@code ref}/{@code source} (and {@code this})
 * read from a CTE of the fixture rows, then its rows compared with the expected ones.
 */
final class UnitTestRunner {
  private static final Pattern REF =
      Pattern.compile(
          "^ref\\(\\s*['\"]([^'\"]+)['\"]\\s*(?:,\\s*['\"]([^'\"]+)['\"]\\s*)?(?:,.*)?\\)$");
  private static final Pattern SOURCE =
      Pattern.compile("^source\\(\\s*['\"]([^'\"]+)['\"]\\s*,\\s*['\"]([^'\"]+)['\"]\\s*\\)$");
  private final ProjectCompiler compiler;
  private final SqlRunner runner;

  UnitTestRunner(ProjectCompiler compiler, SqlRunner runner) {
    this.compiler = requireNonNull(compiler, "compiler");
    this.runner = requireNonNull(runner, "runner");
  }

  /** What a unit test found: its status, the message (a diff when it fails), its SQL. */
  record Outcome(NodeStatus status, String message, long failures, String sql) {}

  Outcome run(Manifest manifest, Node node, Consumer<String> log) {
    DbtProject project = manifest.project();
    UnitTest test = project.unitTests().get(node.uniqueId());
    Node model = manifest.nodes().get(test.modelId());
    Map<String, String> ctes = new LinkedHashMap<>();
    Map<String, String> fixtures = new LinkedHashMap<>();
    for (UnitTest.Input input : test.given()) {
      Given given = resolve(project, model, input.input(), test.name());
      fixtures.put(given.key(), given.cte());
      ctes.put(given.cte(), inputSql(input, given, test.name()));
    }
    boolean incremental = truthy(test.macros().get("is_incremental"));
    RenderContext context =
        new RenderContext(Optional.of(model), RenderMode.EXECUTE, incremental, log)
            .substitute(fixtures, test.vars(), test.envVars());
    String compiled = compiler.compile(manifest, model, context);
    if (!context.missingInputs().isEmpty()) {
      throw new DpException(
          TransformErrorCode.COMPILATION_ERROR,
          "Cannot run unit test "
              + test.name()
              + ": the model reads relations that have no given input ("
              + String.join(", ", context.missingInputs())
              + " in "
              + test.originalFilePath()
              + ")");
    }
    String actualSql =
        withCtes(ctes, "select * from (\n" + compiled + "\n) dbt_internal_unit_test_actual");
    QueryTable actual = runner.query(actualSql);
    UnitTest.Fixture expect = test.expect();
    Map<String, String> types = new LinkedHashMap<>();
    for (int i = 0; i < actual.getColumn_names().size(); i++) {
      types.put(
          actual.getColumn_names().get(i).toLowerCase(Locale.ROOT),
          i < actual.columnTypes().size() ? actual.columnTypes().get(i) : null);
    }
    String expectedSql = expectedSql(expect, types, test.name());
    QueryTable expected = runner.query(expectedSql);
    RowDiff diff = RowDiff.of(expected, actual);
    String sql = actualSql + ";\n\n-- expected\n" + expectedSql;
    if (diff.equal()) {
      return new Outcome(NodeStatus.PASS, "PASS", 0, sql);
    }
    return new Outcome(NodeStatus.FAIL, diff.message(), diff.differences(), sql);
  }

  /**
   * An input's key (the unique id its {@code ref}/{@code source} resolves to, or {@code this}), its
   * CTE name and the relation whose columns type it, if that relation exists.
   */
  private record Given(String key, String cte, Optional<Relation> relation) {}

  private Given resolve(DbtProject project, Node model, String input, String testName) {
    if (input.equals("this")) {
      Relation relation = compiler.environment().relation(model);
      return new Given("this", "__dbt__cte__this", existing(relation));
    }
    Matcher ref = REF.matcher(input);
    if (ref.matches()) {
      String packageName = ref.group(2) == null ? null : ref.group(1);
      String name = ref.group(2) == null ? ref.group(1) : ref.group(2);
      Node node =
          project
              .refable(packageName, name)
              .orElseThrow(() -> unknownInput(testName, input, "no model, seed or snapshot"));
      Relation relation = compiler.environment().relation(node);
      Optional<Relation> existing =
          node.materialized().equals("ephemeral") ? Optional.empty() : existing(relation);
      return new Given(node.uniqueId(), "__dbt__cte__" + name, existing);
    }
    Matcher source = SOURCE.matcher(input);
    if (source.matches()) {
      SourceTable table =
          project
              .source(source.group(1), source.group(2))
              .orElseThrow(() -> unknownInput(testName, input, "no source table"));
      Relation relation = compiler.environment().relation(table);
      return new Given(
          table.uniqueId(),
          "__dbt__cte__" + table.sourceName() + "__" + table.name(),
          existing(relation));
    }
    throw unknownInput(testName, input, "an input is ref(...), source(...) or this");
  }

  private Optional<Relation> existing(Relation relation) {
    return runner.relation(relation.getSchema(), relation.getIdentifier());
  }

  private String inputSql(UnitTest.Input input, Given given, String testName) {
    if (input.fixture().format() == UnitTest.Format.SQL) {
      return input.fixture().rows().toString();
    }
    UnitTestFixtures.Table table = UnitTestFixtures.table(input.fixture());
    if (given.relation().isEmpty()) {
      return UnitTestFixtures.select(table, table.columns(), Map.of());
    }
    Relation relation = given.relation().get();
    List<ColumnRelation> columns = runner.columns(relation.getSchema(), relation.getIdentifier());
    List<String> names = new ArrayList<>();
    Map<String, String> types = new LinkedHashMap<>();
    for (ColumnRelation column : columns) {
      names.add(column.getName());
      types.put(column.getName().toLowerCase(Locale.ROOT), column.getData_type());
    }
    UnitTestFixtures.requireKnown(table, names, testName, input.input());
    return UnitTestFixtures.select(table, names, types);
  }

  private static String expectedSql(
      UnitTest.Fixture expect, Map<String, String> types, String testName) {
    if (expect.format() == UnitTest.Format.SQL) {
      return "select * from (\n" + expect.rows() + "\n) dbt_internal_unit_test_expected";
    }
    UnitTestFixtures.Table table = UnitTestFixtures.table(expect);
    UnitTestFixtures.requireKnown(table, List.copyOf(types.keySet()), testName, "expect");
    return UnitTestFixtures.select(table, table.columns(), types);
  }

  private static String withCtes(Map<String, String> ctes, String body) {
    if (ctes.isEmpty()) {
      return body;
    }
    List<String> definitions = new ArrayList<>();
    ctes.forEach((name, sql) -> definitions.add(name + " as (\n" + sql.strip() + "\n)"));
    return "with " + String.join(",\n", definitions) + "\n" + body;
  }

  private static boolean truthy(Object value) {
    return value != null && !"false".equalsIgnoreCase(value.toString().strip());
  }

  private static DpException unknownInput(String testName, String input, String reason) {
    return new DpException(
        TransformErrorCode.COMPILATION_ERROR,
        "Cannot run unit test "
            + testName
            + ": its given input is unknown, "
            + reason
            + " ("
            + input
            + ")");
  }
}

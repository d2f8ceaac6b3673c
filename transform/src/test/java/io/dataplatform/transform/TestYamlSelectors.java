package io.dataplatform.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dataplatform.api.DpException;
import io.dataplatform.transform.compile.Manifest;
import io.dataplatform.transform.compile.ProjectCompiler;
import io.dataplatform.transform.execute.Command;
import io.dataplatform.transform.execute.ProjectRunner;
import io.dataplatform.transform.execute.RunOptions;
import io.dataplatform.transform.graph.Selection;
import io.dataplatform.transform.graph.YamlSelectors;
import io.dataplatform.transform.jinja.JinjaEnvironment;
import io.dataplatform.transform.project.Node;
import io.dataplatform.transform.project.ProjectLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** selectors.yml on the selection fixture: source.shop.orders → stg_orders → orders → revenue. */
class TestYamlSelectors {
  private static final String SELECTORS =
      """
      selectors:
        - name: marts_only
          description: the marts folder
          definition: 'path:models/marts'
        - name: upstream_of_orders
          definition:
            method: fqn
            value: orders
            parents: true
            parents_depth: 1
        - name: downstream_of_stg_orders
          definition:
            method: fqn
            value: stg_orders
            children: true
        - name: one_child
          definition:
            method: fqn
            value: stg_orders
            children: true
            children_depth: 1
            indirect_selection: empty
        - name: at_operator
          definition:
            method: fqn
            value: stg_customers
            childrens_parents: true
            indirect_selection: cautious
        - name: union_with_exclude
          definition:
            union:
              - method: tag
                value: all
              - 'source:shop'
              - exclude:
                  - tag: pii
                  - method: config.materialized
                    value: incremental
        - name: intersection
          definition:
            intersection:
              - tag: all
              - method: path
                value: models/marts
        - name: nested
          default: true
          definition:
            union:
              - method: selector
                value: intersection
              - method: fqn
                value: stg_orders
                exclude:
                  - method: resource_type
                    value: test
      """;

  @TempDir Path directory;

  private Manifest manifest(String selectors) throws IOException {
    Path project = Files.createTempDirectory(directory, "selection");
    Path source = Fixtures.project("selection");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path copy = project.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
    Files.writeString(project.resolve("selectors.yml"), selectors);
    return new ProjectCompiler(
            new JinjaEnvironment(
                ProjectLoader.load(project, Optional.empty(), Map.of()), new FakeSqlRunner()))
        .parse();
  }

  private static Set<String> selected(Manifest manifest, String selector) {
    return new TreeSet<>(
        Selection.resolve(manifest, List.of(), List.of(), Optional.of(selector)).selected());
  }

  private static List<String> build(Manifest manifest, RunOptions options) {
    return ProjectRunner.select(manifest, Command.BUILD, options).stream()
        .map(Node::name)
        .sorted()
        .toList();
  }

  @Test
  void definitionsSelectLikeDbt() throws IOException {
    Manifest manifest = manifest(SELECTORS);
    assertEquals(
        Set.of("model.selection.orders", "model.selection.revenue", notNullTest(manifest)),
        selected(manifest, "marts_only"));
    assertEquals(
        Set.of(
            "model.selection.orders",
            "model.selection.stg_orders",
            "model.selection.stg_customers"),
        selected(manifest, "upstream_of_orders"));
    assertEquals(
        Set.of(
            "model.selection.stg_orders",
            "model.selection.orders",
            "model.selection.revenue",
            notNullTest(manifest)),
        selected(manifest, "downstream_of_stg_orders"));
    assertEquals(
        Set.of("model.selection.stg_orders", "model.selection.orders"),
        selected(manifest, "one_child"));
    // @stg_customers: its descendants and every ancestor of those, the sources included
    assertEquals(
        Set.of(
            "model.selection.stg_customers",
            "model.selection.orders",
            "model.selection.revenue",
            "model.selection.stg_orders",
            "source.selection.shop.orders",
            "source.selection.shop.customers",
            notNullTest(manifest)),
        selected(manifest, "at_operator"));
    assertEquals(
        Set.of(
            "model.selection.stg_orders",
            "model.selection.orders",
            "source.selection.shop.orders",
            "source.selection.shop.customers"),
        selected(manifest, "union_with_exclude"));
    assertEquals(
        Set.of("model.selection.orders", "model.selection.revenue"),
        selected(manifest, "intersection"));
    assertEquals(
        Set.of("model.selection.orders", "model.selection.revenue", "model.selection.stg_orders"),
        selected(manifest, "nested"));
  }

  @Test
  void theDefaultSelectorAppliesOnlyWithoutSelectOrSelector() throws IOException {
    Manifest manifest = manifest(SELECTORS);
    // default "nested": orders, revenue, stg_orders; its exclusion of resource_type:test keeps
    // orders' not_null test out even though indirect selection is eager
    assertEquals(
        List.of("orders", "revenue", "stg_orders"), build(manifest, RunOptions.defaults()));
    assertEquals(
        List.of("not_null_orders_id", "orders", "stg_customers"),
        build(manifest, RunOptions.defaults().withSelect(List.of("stg_customers", "orders"))));
    assertEquals(
        List.of("source_unique_shop_orders_id", "stg_customers", "stg_orders"),
        build(
            manifest,
            new RunOptions(List.of("source:shop+"), List.of("orders+"), 1, false, false)));
    // --selector wins over --select, as in dbt
    assertEquals(
        List.of("not_null_orders_id", "orders", "revenue"),
        build(
            manifest,
            RunOptions.defaults()
                .withSelect(List.of("stg_customers"))
                .withSelector("intersection")));
  }

  @Test
  void indirectSelectionDecidesWhichTestsComeAlong() throws IOException {
    Manifest manifest = manifest(SELECTORS);
    // empty: the not_null test of orders stays out
    assertEquals(
        List.of("orders", "stg_orders"),
        build(manifest, RunOptions.defaults().withSelector("one_child")));
    // eager (default): it comes along
    assertEquals(
        List.of("not_null_orders_id", "orders", "stg_customers", "stg_orders"),
        build(manifest, RunOptions.defaults().withSelector("upstream_of_orders")));
  }

  @Test
  void unknownSelectorsCyclesAndBadDefinitionsFailNamingTheFile() throws IOException {
    Manifest manifest = manifest(SELECTORS);
    DpException unknown = assertThrows(DpException.class, () -> selected(manifest, "nightly"));
    assertEquals(
        "Cannot select nodes: no selector named nightly in selectors.yml (known: marts_only,"
            + " upstream_of_orders, downstream_of_stg_orders, one_child, at_operator,"
            + " union_with_exclude, intersection, nested)",
        unknown.getMessage());
    DpException cycle =
        assertThrows(
            DpException.class,
            () ->
                YamlSelectors.parse(
                    yaml(
                        """
                        selectors:
                          - name: a
                            definition: {method: selector, value: b}
                          - name: b
                            definition:
                              union:
                                - tag: x
                                - {method: selector, value: c}
                          - name: c
                            definition: {method: selector, value: a}
                        """)));
    assertEquals(
        "Cannot read selectors.yml: selectors refer to each other in a cycle (a -> b -> c -> a)",
        cycle.getMessage());
    DpException missing =
        assertThrows(
            DpException.class,
            () ->
                YamlSelectors.parse(
                    yaml(
                        "selectors:\n  - name: a\n    definition: {method: selector, value: z}\n")));
    assertEquals(
        "Cannot read selectors.yml: selector a refers to selector z, which is not defined",
        missing.getMessage());
    DpException twoDefaults =
        assertThrows(
            DpException.class,
            () ->
                YamlSelectors.parse(
                    yaml(
                        "selectors:\n  - {name: a, default: true, definition: 'x'}\n"
                            + "  - {name: b, default: true, definition: 'y'}\n")));
    assertEquals(
        "Cannot read selectors.yml: only one selector may have default: true (a, b)",
        twoDefaults.getMessage());
    DpException badKeys =
        assertThrows(
            DpException.class,
            () ->
                YamlSelectors.parse(
                    yaml("selectors:\n  - {name: a, definition: {tag: x, path: y}}\n")));
    assertEquals(
        "Cannot read selectors.yml: selector a: a definition has either one key or method and"
            + " value keys ([tag, path])",
        badKeys.getMessage());
    DpException badIndirect =
        assertThrows(
            DpException.class,
            () ->
                YamlSelectors.parse(
                    yaml(
                        "selectors:\n  - name: a\n    definition: {method: tag, value: x,"
                            + " indirect_selection: sometimes}\n")));
    assertEquals(
        "Cannot read selectors.yml selector a: indirect_selection must be eager, cautious,"
            + " buildable or empty (sometimes)",
        badIndirect.getMessage());
    DpException broken =
        assertThrows(DpException.class, () -> manifestSelect(manifest("selectors: [unclosed")));
    assertEquals(
        true, broken.getMessage().startsWith("Cannot read selectors.yml: "), broken.getMessage());
  }

  private static void manifestSelect(Manifest manifest) {
    Selection.resolve(manifest, List.of(), List.of(), Optional.empty());
  }

  private static Object yaml(String text) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper(
              new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
          .readValue(text, Object.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String notNullTest(Manifest manifest) {
    return manifest.nodes().keySet().stream()
        .filter(id -> id.startsWith("test.selection.not_null_orders_id"))
        .findFirst()
        .orElseThrow();
  }
}

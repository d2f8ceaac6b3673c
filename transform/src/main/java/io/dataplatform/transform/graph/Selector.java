package io.dataplatform.transform.graph;

import io.dataplatform.api.DpException;
import io.dataplatform.transform.TransformErrorCode;
import io.dataplatform.transform.compile.Manifest;
import io.dataplatform.transform.project.Node;
import io.dataplatform.transform.project.SourceTable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbt's node selection syntax: space-separated criteria are a union, comma-separated a
 * intersection; each criterion is a name or {@code method:value} ({@code tag:}, {@code path:},
 * {@code source:}, {@code resource_type:}, {@code config.<key>:}, {@code package:}, {@code fqn:})
 * with optional {@code +}/{@code n+} graph operators on either side, or {@code @}.
 */
public final class Selector {
  private static final Pattern CRITERION =
      Pattern.compile("^(@)?(?:(\\d*)\\+)?(.+?)(?:\\+(\\d*))?$");
  private final Manifest manifest;
  private final Map<String, Set<String>> children;

  public Selector(Manifest manifest) {
    this.manifest = manifest;
    this.children = manifest.children();
  }

  /**
   * The unique ids selected by {@code select} (all nodes when empty) minus {@code exclude}, among
   * nodes (sources are never returned).
   */
  public Set<String> select(List<String> select, List<String> exclude) {
    Set<String> selected = new LinkedHashSet<>();
    if (select.isEmpty()) {
      selected.addAll(manifest.nodes().keySet());
    } else {
      for (String expression : select) {
        selected.addAll(expression(expression));
      }
    }
    for (String expression : exclude) {
      selected.removeAll(expression(expression));
    }
    selected.retainAll(manifest.nodes().keySet());
    Set<String> ordered = new LinkedHashSet<>();
    for (String id : manifest.nodes().keySet()) {
      if (selected.contains(id)) {
        ordered.add(id);
      }
    }
    return ordered;
  }

  /** The unique ids, sources included, that {@code expressions} select (a union). */
  Set<String> expressions(List<String> expressions) {
    Set<String> selected = new LinkedHashSet<>();
    for (String expression : expressions) {
      selected.addAll(expression(expression));
    }
    return selected;
  }

  /** Every node and source of the manifest. */
  Set<String> everything() {
    Set<String> all = new LinkedHashSet<>(manifest.nodes().keySet());
    all.addAll(manifest.project().sources().keySet());
    return all;
  }

  /**
   * The unique ids, sources included, that a YAML selector's definition selects; the ids its
   * exclusions removed are added to {@code excluded}.
   */
  Set<String> evaluate(SelectionSpec spec, YamlSelectors selectors, Set<String> excluded) {
    if (spec instanceof SelectionSpec.Expression expression) {
      return expression(expression.text());
    }
    if (spec instanceof SelectionSpec.Criterion criterion) {
      return criterion(criterion);
    }
    if (spec instanceof SelectionSpec.Reference reference) {
      return evaluate(selectors.definition(reference.name()).spec(), selectors, excluded);
    }
    if (spec instanceof SelectionSpec.Union union) {
      Set<String> result = new LinkedHashSet<>();
      union.parts().forEach(part -> result.addAll(evaluate(part, selectors, excluded)));
      return result;
    }
    if (spec instanceof SelectionSpec.Intersection intersection) {
      Set<String> result = null;
      for (SelectionSpec part : intersection.parts()) {
        Set<String> matched = evaluate(part, selectors, excluded);
        if (result == null) {
          result = new LinkedHashSet<>(matched);
        } else {
          result.retainAll(matched);
        }
      }
      return result == null ? new LinkedHashSet<>() : result;
    }
    SelectionSpec.Difference difference = (SelectionSpec.Difference) spec;
    Set<String> result = evaluate(difference.include(), selectors, excluded);
    Set<String> removed = evaluate(difference.exclude(), selectors, excluded);
    excluded.addAll(removed);
    result.removeAll(removed);
    return result;
  }

  private Set<String> criterion(SelectionSpec.Criterion criterion) {
    Set<String> base = match(criterion.method() + ":" + criterion.value());
    Set<String> result = new LinkedHashSet<>(base);
    criterion.parentsDepth().ifPresent(depth -> result.addAll(walk(base, false, depth)));
    if (criterion.childrenDepth().isPresent() || criterion.childrensParents()) {
      Set<String> descendants =
          walk(
              base,
              true,
              criterion.childrensParents() ? Integer.MAX_VALUE : criterion.childrenDepth().get());
      result.addAll(descendants);
      if (criterion.childrensParents()) {
        result.addAll(walk(descendants, false, Integer.MAX_VALUE));
      }
    }
    return result;
  }

  private Set<String> expression(String expression) {
    Set<String> union = new LinkedHashSet<>();
    for (String term : expression.trim().split("\\s+")) {
      if (term.isEmpty()) {
        continue;
      }
      Set<String> intersection = null;
      for (String criterion : term.split(",")) {
        Set<String> matched = criterion(criterion);
        if (intersection == null) {
          intersection = matched;
        } else {
          intersection.retainAll(matched);
        }
      }
      union.addAll(intersection);
    }
    return union;
  }

  private Set<String> criterion(String criterion) {
    Matcher matcher = CRITERION.matcher(criterion);
    if (!matcher.matches()) {
      throw new DpException(
          TransformErrorCode.INVALID_SELECTION, "Cannot parse selector: " + criterion);
    }
    Set<String> base = match(matcher.group(3));
    Set<String> result = new LinkedHashSet<>(base);
    boolean at = matcher.group(1) != null;
    if (matcher.group(2) != null) {
      result.addAll(walk(base, false, depth(matcher.group(2))));
    }
    if (matcher.group(4) != null || at) {
      Set<String> descendants = walk(base, true, at ? Integer.MAX_VALUE : depth(matcher.group(4)));
      result.addAll(descendants);
      if (at) {
        result.addAll(walk(descendants, false, Integer.MAX_VALUE));
      }
    }
    return result;
  }

  private static int depth(String digits) {
    return digits.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(digits);
  }

  private Set<String> walk(Set<String> start, boolean down, int depth) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> frontier = new ArrayDeque<>(start);
    for (int level = 0; level < depth && !frontier.isEmpty(); level++) {
      Deque<String> next = new ArrayDeque<>();
      for (String id : frontier) {
        Set<String> neighbours = down ? children.getOrDefault(id, Set.of()) : manifest.parents(id);
        for (String neighbour : neighbours) {
          if (seen.add(neighbour)) {
            next.add(neighbour);
          }
        }
      }
      frontier = next;
    }
    return seen;
  }

  private Set<String> match(String criterion) {
    int colon = criterion.indexOf(':');
    String method = colon < 0 ? "" : criterion.substring(0, colon);
    String value = colon < 0 ? criterion : criterion.substring(colon + 1);
    Set<String> matched = new LinkedHashSet<>();
    if (method.equals("source")) {
      for (SourceTable source : manifest.project().sources().values()) {
        String full = source.sourceName() + "." + source.name();
        if (glob(value, source.sourceName()) || glob(value, full)) {
          matched.add(source.uniqueId());
        }
      }
      return matched;
    }
    for (Node node : manifest.nodes().values()) {
      if (matches(node, method, value)) {
        matched.add(node.uniqueId());
      }
    }
    if (matched.isEmpty() && method.isEmpty() && !value.contains("*")) {
      // an unknown name selects nothing, as in dbt; a typo is reported by the caller's empty result
      return matched;
    }
    return matched;
  }

  private static boolean matches(Node node, String method, String value) {
    return switch (method) {
      case "" ->
          fqnMatches(node, value)
              || value.equals(node.packageName())
              || (value.contains("/") && pathMatches(node, value));
      case "tag" -> node.tags().stream().anyMatch(tag -> glob(value, tag));
      case "path" -> pathMatches(node, value);
      case "resource_type" -> node.type().resourceType().equals(value);
      case "package" -> node.packageName().equals(value);
      case "fqn" -> fqnMatches(node, value);
      case "test_name" -> node.test().map(t -> glob(value, t.testName())).orElse(false);
      case "test_type" ->
          testType(node).equals(value)
              || (value.equals("data") && node.type().resourceType().equals("test"));
      default -> configMatches(node, method, value);
    };
  }

  /** {@code unit}, {@code generic} or {@code singular} for tests; empty for other nodes. */
  private static String testType(Node node) {
    return switch (node.type()) {
      case UNIT_TEST -> "unit";
      case TEST -> node.test().isPresent() ? "generic" : "singular";
      default -> "";
    };
  }

  /**
   * dbt's fully-qualified-name match: the node's name, or a dotted prefix of its fqn, given with or
   * without the package name ({@code marts} selects every node under {@code models/marts}).
   */
  private static boolean fqnMatches(Node node, String value) {
    if (glob(value, node.name())) {
      return true;
    }
    List<String> flat = new ArrayList<>();
    for (String segment : node.fqn()) {
      flat.addAll(List.of(segment.split("\\.")));
    }
    List<String> parts = List.of(value.split("\\."));
    List<String> withPackage = new ArrayList<>();
    withPackage.add(node.packageName());
    withPackage.addAll(parts);
    return prefixMatches(flat, parts) || prefixMatches(flat, withPackage);
  }

  private static boolean prefixMatches(List<String> fqn, List<String> parts) {
    if (parts.size() > fqn.size()) {
      return false;
    }
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i).equals("*")) {
        return true;
      }
      if (!glob(parts.get(i), fqn.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean configMatches(Node node, String method, String value) {
    if (!method.startsWith("config.")) {
      throw new DpException(
          TransformErrorCode.INVALID_SELECTION,
          "Cannot select nodes: unknown selector method " + method);
    }
    Object configured = node.config().get(method.substring("config.".length()));
    if (configured instanceof List<?> list) {
      return list.stream().anyMatch(v -> glob(value, String.valueOf(v)));
    }
    return configured != null && glob(value, String.valueOf(configured));
  }

  private static boolean pathMatches(Node node, String value) {
    String path = node.originalFilePath();
    String prefix = value.endsWith("/") ? value : value + "/";
    return path.equals(value) || path.startsWith(prefix) || glob(value, path);
  }

  private static boolean glob(String pattern, String text) {
    if (!pattern.contains("*") && !pattern.contains("?")) {
      return pattern.equals(text);
    }
    String regex = Pattern.quote(pattern).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
    return text.matches(regex);
  }
}

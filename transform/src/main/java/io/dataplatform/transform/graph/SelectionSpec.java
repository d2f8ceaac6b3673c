package io.dataplatform.transform.graph;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** A parsed selection: the tree a {@code selectors.yml} definition describes. */
public sealed interface SelectionSpec {
  /** A command-line style expression ({@code "tag:nightly +orders"}). */
  record Expression(String text) implements SelectionSpec {
    public Expression {
      requireNonNull(text, "text");
    }
  }

  /**
   * One {@code method: value} criterion with its graph operators.
   *
   * @param parentsDepth ancestors to add: empty for none, {@link Integer#MAX_VALUE} for all
   * @param childrenDepth descendants to add: empty for none, {@link Integer#MAX_VALUE} for all
   * @param childrensParents dbt's {@code @}: descendants and all their ancestors
   */
  record Criterion(
      String method,
      String value,
      Optional<Integer> parentsDepth,
      Optional<Integer> childrenDepth,
      boolean childrensParents)
      implements SelectionSpec {
    public Criterion {
      requireNonNull(method, "method");
      requireNonNull(value, "value");
      requireNonNull(parentsDepth, "parentsDepth");
      requireNonNull(childrenDepth, "childrenDepth");
    }
  }

  /** Every node any part selects. */
  record Union(List<SelectionSpec> parts) implements SelectionSpec {
    public Union {
      parts = List.copyOf(parts);
    }
  }

  /** The nodes every part selects. */
  record Intersection(List<SelectionSpec> parts) implements SelectionSpec {
    public Intersection {
      parts = List.copyOf(parts);
    }
  }

  /** The nodes {@code include} selects that {@code exclude} does not. */
  record Difference(SelectionSpec include, SelectionSpec exclude) implements SelectionSpec {
    public Difference {
      requireNonNull(include, "include");
      requireNonNull(exclude, "exclude");
    }
  }

  /** The definition of another selector of the project ({@code method: selector}). */
  record Reference(String name) implements SelectionSpec {
    public Reference {
      requireNonNull(name, "name");
    }
  }
}

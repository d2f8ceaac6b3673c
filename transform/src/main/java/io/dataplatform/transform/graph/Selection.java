package io.dataplatform.transform.graph;

import static java.util.Objects.requireNonNull;

import io.dataplatform.transform.compile.Manifest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a command runs on: the unique ids (nodes and sources) chosen by {@code --select}/{@code
 * --exclude}, by {@code --selector NAME}, or by the project's default selector.
 *
 * @param selected the chosen nodes and sources
 * @param excluded what exclusions removed; tests among them never come along indirectly
 * @param everything whether nothing restricted the choice (no selection at all)
 * @param indirect which tests of the chosen nodes come along
 * @param selector the YAML selector used, if any
 */
public record Selection(
    Set<String> selected,
    Set<String> excluded,
    boolean everything,
    IndirectSelection indirect,
    Optional<String> selector) {
  public Selection {
    selected = Set.copyOf(selected);
    excluded = Set.copyOf(excluded);
    requireNonNull(indirect, "indirect");
    requireNonNull(selector, "selector");
  }

  /**
   * Resolves a command's selection as dbt does: {@code --selector} wins over {@code --select}/
   * {@code --exclude}; without any of them the selector with {@code default: true} applies.
   */
  public static Selection resolve(
      Manifest manifest, List<String> select, List<String> exclude, Optional<String> selector) {
    YamlSelectors selectors = YamlSelectors.load(manifest.project().root().root());
    Optional<YamlSelectors.Definition> definition =
        selector.isPresent()
            ? Optional.of(selectors.definition(selector.get()))
            : select.isEmpty() && exclude.isEmpty()
                ? selectors.defaultSelector()
                : Optional.empty();
    Selector evaluator = new Selector(manifest);
    if (definition.isPresent()) {
      Set<String> excluded = new java.util.LinkedHashSet<>();
      Set<String> chosen = evaluator.evaluate(definition.get().spec(), selectors, excluded);
      return new Selection(
          chosen,
          excluded,
          false,
          definition.get().indirect().orElse(IndirectSelection.EAGER),
          Optional.of(definition.get().name()));
    }
    Set<String> chosen = select.isEmpty() ? evaluator.everything() : evaluator.expressions(select);
    Set<String> excluded = evaluator.expressions(exclude);
    chosen.removeAll(excluded);
    return new Selection(
        chosen, excluded, select.isEmpty(), IndirectSelection.EAGER, Optional.empty());
  }

  public boolean contains(String uniqueId) {
    return selected.contains(uniqueId);
  }
}

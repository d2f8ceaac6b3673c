package io.dataplatform.transform.execute;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * How to run a command.
 *
 * @param select {@code --select} expressions; empty selects everything
 * @param exclude {@code --exclude} expressions
 * @param threads nodes run at once along the DAG
 * @param fullRefresh {@code --full-refresh}: rebuild incremental models from scratch
 * @param failFast {@code --fail-fast}: stop starting nodes after the first failure
 * @param selector {@code --selector}: a selector of the project's selectors.yml, which replaces
 *     {@code select} and {@code exclude}
 */
public record RunOptions(
    List<String> select,
    List<String> exclude,
    int threads,
    boolean fullRefresh,
    boolean failFast,
    Optional<String> selector) {
  public RunOptions {
    select = List.copyOf(select);
    exclude = List.copyOf(exclude);
    requireNonNull(selector, "selector");
    if (threads < 1) {
      throw new IllegalArgumentException(
          "Cannot run: threads must be at least 1 (" + threads + ")");
    }
  }

  /** Options without a YAML selector. */
  public RunOptions(
      List<String> select,
      List<String> exclude,
      int threads,
      boolean fullRefresh,
      boolean failFast) {
    this(select, exclude, threads, fullRefresh, failFast, Optional.empty());
  }

  public static RunOptions defaults() {
    return new RunOptions(List.of(), List.of(), 1, false, false);
  }

  public RunOptions withSelect(List<String> newSelect) {
    return new RunOptions(
        requireNonNull(newSelect, "newSelect"), exclude, threads, fullRefresh, failFast, selector);
  }

  /** A copy that runs the YAML selector {@code name}. */
  public RunOptions withSelector(String name) {
    return new RunOptions(
        select, exclude, threads, fullRefresh, failFast, Optional.of(requireNonNull(name, "name")));
  }
}

package io.dataplatform.transform.execute;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How to run a command.
 *
 * @param select {@code --select} expressions; empty selects everything
 * @param exclude {@code --exclude} expressions
 * @param threads nodes run at once along the DAG
 * @param fullRefresh {@code --full-refresh}: rebuild incremental models from scratch
 * @param failFast {@code --fail-fast}: stop starting nodes after the first failure
 */
public record RunOptions(
    List<String> select, List<String> exclude, int threads, boolean fullRefresh, boolean failFast) {
  public RunOptions {
    select = List.copyOf(select);
    exclude = List.copyOf(exclude);
    if (threads < 1) {
      throw new IllegalArgumentException(
          "Cannot run: threads must be at least 1 (" + threads + ")");
    }
  }

  public static RunOptions defaults() {
    return new RunOptions(List.of(), List.of(), 1, false, false);
  }

  public RunOptions withSelect(List<String> newSelect) {
    return new RunOptions(
        requireNonNull(newSelect, "newSelect"), exclude, threads, fullRefresh, failFast);
  }
}

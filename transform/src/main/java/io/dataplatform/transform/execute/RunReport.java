package io.dataplatform.transform.execute;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/** The outcome of one command: every node's result in completion order. */
public record RunReport(
    Command command, List<NodeResult> results, Instant startedAt, Instant completedAt) {
  public RunReport {
    requireNonNull(command, "command");
    results = List.copyOf(results);
    requireNonNull(startedAt, "startedAt");
    requireNonNull(completedAt, "completedAt");
  }

  /** Whether any node failed (error or failed test): the command exits 1. */
  public boolean failed() {
    return results.stream()
        .anyMatch(r -> r.status() == NodeStatus.ERROR || r.status() == NodeStatus.FAIL);
  }

  public long count(NodeStatus status) {
    return results.stream().filter(r -> r.status() == status).count();
  }
}

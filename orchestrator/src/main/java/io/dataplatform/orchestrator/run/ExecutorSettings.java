package io.dataplatform.orchestrator.run;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import java.time.Duration;

/**
 * How the run executor of one server works.
 *
 * @param owner the name this server records on the runs it takes; stable across restarts, so a
 *     restarted server recognizes the runs a crash interrupted
 * @param maxConcurrentRuns runs executing at once on this server, whatever their job
 * @param pollInterval how often the queue is checked for due runs
 * @param heartbeatInterval how often running runs are marked alive
 * @param staleAfter a running run of any server that has not been marked alive for this long is
 *     treated as interrupted
 */
public record ExecutorSettings(
    String owner,
    int maxConcurrentRuns,
    Duration pollInterval,
    Duration heartbeatInterval,
    Duration staleAfter) {
  public ExecutorSettings {
    requireNonNull(owner, "owner");
    requireNonNull(pollInterval, "pollInterval");
    requireNonNull(heartbeatInterval, "heartbeatInterval");
    requireNonNull(staleAfter, "staleAfter");
    if (maxConcurrentRuns < 1) {
      throw DpException.user(
          "Cannot configure orchestrator: max concurrent runs must be at least 1 ("
              + maxConcurrentRuns
              + ")");
    }
  }

  public static ExecutorSettings defaults(String owner, int maxConcurrentRuns) {
    return new ExecutorSettings(
        owner,
        maxConcurrentRuns,
        Duration.ofMillis(200),
        Duration.ofSeconds(5),
        Duration.ofMinutes(2));
  }
}

package io.dataplatform.orchestrator.step;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.Cancellation;
import java.util.List;
import java.util.Optional;

/**
 * What a step runner knows about the run it works for.
 *
 * @param runId the run's id, to record with any data the step commits (exactly-once resumes)
 * @param attempt the run's attempt, from 1
 * @param partitions the partition keys the run covers, in order; empty for an unpartitioned job
 * @param log where the runner writes progress lines; they are stored as run events and streamed
 * @param cancellation canceled when the run is canceled, times out or the server stops; a runner
 *     hands it to the work it starts (e.g. in the {@code SqlSession} of its statements) so that
 *     work stops in the engine, not only on this thread
 */
public record StepContext(
    long runId,
    String jobName,
    int attempt,
    List<String> partitions,
    StepLog log,
    Cancellation cancellation) {
  public StepContext {
    requireNonNull(jobName, "jobName");
    partitions = List.copyOf(partitions);
    requireNonNull(log, "log");
    requireNonNull(cancellation, "cancellation");
  }

  /** The single partition of a one-partition run. */
  public Optional<String> partition() {
    return partitions.size() == 1 ? Optional.of(partitions.get(0)) : Optional.empty();
  }

  public Optional<String> partitionStart() {
    return partitions.isEmpty() ? Optional.empty() : Optional.of(partitions.get(0));
  }

  public Optional<String> partitionEnd() {
    return partitions.isEmpty()
        ? Optional.empty()
        : Optional.of(partitions.get(partitions.size() - 1));
  }
}

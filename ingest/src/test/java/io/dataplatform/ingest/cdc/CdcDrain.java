package io.dataplatform.ingest.cdc;

import io.dataplatform.api.connector.ChangeOperation;
import io.dataplatform.api.connector.SourceMessage;
import io.dataplatform.api.connector.SourceReader;
import io.dataplatform.api.connector.SourceRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Polls a change reader in tests until the records seen so far satisfy a condition. */
final class CdcDrain {
  /** A record with its batch's column names. */
  record Seen(String stream, List<String> columns, SourceRecord record) {
    Object value(String column) {
      int index = columns.indexOf(column);
      if (index < 0) {
        throw new AssertionError("no column " + column + " in " + columns);
      }
      return record.values()[index];
    }
  }

  final List<Seen> records = new ArrayList<>();
  final List<SourceMessage.Checkpoint> checkpoints = new ArrayList<>();
  final List<SourceMessage.RecordBatch> batches = new ArrayList<>();
  private final Map<ChangeOperation, Long> counts = new EnumMap<>(ChangeOperation.class);

  /** Polls until {@code done} holds, committing each checkpoint; fails after {@code timeout}. */
  CdcDrain until(SourceReader reader, Predicate<CdcDrain> done, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.test(this)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached in " + timeout + "; seen " + describe());
      }
      Optional<SourceMessage> message = reader.poll(Duration.ofMillis(200));
      message.ifPresent(value -> accept(reader, value));
    }
    return this;
  }

  private void accept(SourceReader reader, SourceMessage message) {
    if (message instanceof SourceMessage.RecordBatch batch) {
      batches.add(batch);
      List<String> columns = batch.columns().stream().map(column -> column.name()).toList();
      for (SourceRecord record : batch.records()) {
        records.add(new Seen(batch.stream(), columns, record));
        counts.merge(record.operation(), 1L, Long::sum);
      }
    } else if (message instanceof SourceMessage.Checkpoint checkpoint) {
      checkpoints.add(checkpoint);
      reader.committed(checkpoint);
    }
  }

  /** Keeps polling for {@code duration}, to see what else arrives. */
  CdcDrain during(SourceReader reader, Duration duration) throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      reader.poll(Duration.ofMillis(100)).ifPresent(message -> accept(reader, message));
    }
    return this;
  }

  /** Polls until a checkpoint arrived after the last record seen so far. */
  CdcDrain untilCheckpointed(SourceReader reader, Duration timeout) throws InterruptedException {
    int records = this.records.size();
    int checkpoints = this.checkpoints.size();
    return until(
        reader,
        seen -> seen.records.size() == records && seen.checkpoints.size() > checkpoints,
        timeout);
  }

  long count(ChangeOperation operation) {
    return counts.getOrDefault(operation, 0L);
  }

  SourceMessage.Checkpoint lastCheckpoint() {
    return checkpoints.get(checkpoints.size() - 1);
  }

  private String describe() {
    StringBuilder text = new StringBuilder();
    text.append(records.size()).append(" records");
    for (Seen seen : records.subList(Math.max(0, records.size() - 10), records.size())) {
      text.append("\n  ")
          .append(seen.record().operation())
          .append(" ")
          .append(java.util.Arrays.toString(seen.record().values()));
    }
    return text.toString();
  }
}

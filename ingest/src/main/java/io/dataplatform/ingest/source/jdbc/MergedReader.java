package io.dataplatform.ingest.source.jdbc;

import io.dataplatform.api.connector.SourceMessage;
import io.dataplatform.api.connector.SourceReader;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Several readers as one: messages of each keep their order; the readers take turns. Used when a
 * request mixes change-log streams with table reads.
 */
public final class MergedReader implements SourceReader {
  private static final Duration SLICE = Duration.ofMillis(20);

  private final List<SourceReader> readers;
  private int next;

  public MergedReader(List<SourceReader> readers) {
    this.readers = List.copyOf(readers);
  }

  @Override
  public Optional<SourceMessage> poll(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    do {
      for (int i = 0; i < readers.size(); i++) {
        SourceReader reader = readers.get((next + i) % readers.size());
        if (reader.isFinished()) {
          continue;
        }
        Optional<SourceMessage> message = reader.poll(Duration.ZERO);
        if (message.isPresent()) {
          next = (next + i + 1) % readers.size();
          return message;
        }
      }
      if (isFinished()) {
        return Optional.empty();
      }
      long left = deadline - System.nanoTime();
      if (left > 0) {
        Thread.sleep(Math.max(1, Math.min(SLICE.toMillis(), left / 1_000_000)));
      }
    } while (System.nanoTime() < deadline);
    return Optional.empty();
  }

  @Override
  public boolean isFinished() {
    return readers.stream().allMatch(SourceReader::isFinished);
  }

  @Override
  public void committed(SourceMessage.Checkpoint checkpoint) {
    readers.forEach(reader -> reader.committed(checkpoint));
  }

  @Override
  public void close() {
    readers.forEach(SourceReader::close);
  }
}

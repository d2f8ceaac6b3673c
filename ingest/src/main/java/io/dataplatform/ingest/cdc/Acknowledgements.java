package io.dataplatform.ingest.cdc;

import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.SourceMessage;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Tracks which rounds of changes the sync engine has committed. A round is acknowledged to Debezium
 * (which then flushes its offset and lets the source forget the change log up to it) once every
 * stream has committed a checkpoint of that round or a later one.
 */
final class Acknowledgements {
  private final List<String> streams;
  private final Map<SourceMessage.Checkpoint, Long> expected = new HashMap<>();
  private final Map<String, Long> committedRounds = new HashMap<>();
  private final TreeMap<Long, ChangeEvent<SourceRecord, SourceRecord>> lastEvents = new TreeMap<>();
  private volatile DebeziumEngine.RecordCommitter<ChangeEvent<SourceRecord, SourceRecord>>
      committer;
  private long nextRound = 1;
  private long acknowledgedRound;

  Acknowledgements(List<ConfiguredStream> streams) {
    this.streams = streams.stream().map(ConfiguredStream::name).toList();
  }

  void useCommitter(
      DebeziumEngine.RecordCommitter<ChangeEvent<SourceRecord, SourceRecord>> committer) {
    this.committer = committer;
  }

  synchronized long newRound(ChangeEvent<SourceRecord, SourceRecord> lastEvent) {
    long round = nextRound++;
    lastEvents.put(round, lastEvent);
    return round;
  }

  synchronized void expect(SourceMessage.Checkpoint checkpoint, long round) {
    expected.put(checkpoint, round);
  }

  synchronized void committed(SourceMessage.Checkpoint checkpoint) throws InterruptedException {
    Long round = expected.remove(checkpoint);
    if (round == null) {
      return;
    }
    committedRounds.merge(checkpoint.stream(), round, Math::max);
    long everyStream =
        streams.stream()
            .mapToLong(stream -> committedRounds.getOrDefault(stream, 0L))
            .min()
            .orElse(0L);
    if (everyStream <= acknowledgedRound || committer == null) {
      return;
    }
    ChangeEvent<SourceRecord, SourceRecord> last = lastEvents.get(everyStream);
    lastEvents.headMap(everyStream, true).clear();
    expected.values().removeIf(pending -> pending <= everyStream);
    acknowledgedRound = everyStream;
    committer.markProcessed(last);
    committer.markBatchFinished();
  }
}

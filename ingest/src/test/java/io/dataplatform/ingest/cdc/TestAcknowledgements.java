package io.dataplatform.ingest.cdc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceMessage;
import io.dataplatform.api.connector.SourceStream;
import io.dataplatform.api.connector.StreamState;
import io.dataplatform.api.connector.SyncMode;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class TestAcknowledgements {
  /** Remembers what the reader marks as processed, as Debezium's committer would receive it. */
  static final class RecordingCommitter
      implements DebeziumEngine.RecordCommitter<ChangeEvent<SourceRecord, SourceRecord>> {
    final List<String> processed = new ArrayList<>();
    int batchesFinished;

    @Override
    public void markProcessed(ChangeEvent<SourceRecord, SourceRecord> record) {
      processed.add(record.destination());
    }

    @Override
    public void markBatchFinished() {
      batchesFinished++;
    }

    @Override
    public void markProcessed(
        ChangeEvent<SourceRecord, SourceRecord> record, DebeziumEngine.Offsets sourceOffsets) {
      markProcessed(record);
    }

    @Override
    public DebeziumEngine.Offsets buildOffsets() {
      throw new UnsupportedOperationException("Cannot build offsets: not used by the reader");
    }
  }

  record Event(String destination) implements ChangeEvent<SourceRecord, SourceRecord> {
    @Override
    public SourceRecord key() {
      return null;
    }

    @Override
    public SourceRecord value() {
      return null;
    }

    @Override
    public Integer partition() {
      return null;
    }
  }

  private static ConfiguredStream stream(String name) {
    return new ConfiguredStream(
        new SourceStream(
            name,
            List.of(SourceColumn.nullable("id", DataType.INT, "int4")),
            List.of("id"),
            List.of(),
            Optional.empty(),
            Set.of(SyncMode.CDC)),
        SyncMode.CDC,
        Optional.empty(),
        List.of("id"),
        StreamState.EMPTY);
  }

  private static SourceMessage.Checkpoint checkpoint(String stream, String position) {
    return new SourceMessage.Checkpoint(stream, new StreamState(Map.of("cdc.position", position)));
  }

  @Test
  void aRoundIsAcknowledgedOnlyWhenEveryStreamCommittedIt() throws Exception {
    Acknowledgements acknowledgements =
        new Acknowledgements(List.of(stream("public.a"), stream("public.b")));
    RecordingCommitter committer = new RecordingCommitter();
    acknowledgements.useCommitter(committer);
    long first = acknowledgements.newRound(new Event("first"));
    acknowledgements.expect(checkpoint("public.a", "1"), first);
    acknowledgements.expect(checkpoint("public.b", "1"), first);
    long second = acknowledgements.newRound(new Event("second"));
    acknowledgements.expect(checkpoint("public.a", "2"), second);
    acknowledgements.expect(checkpoint("public.b", "2"), second);

    acknowledgements.committed(checkpoint("public.a", "1"));
    acknowledgements.committed(checkpoint("public.a", "2"));
    assertEquals(List.of(), committer.processed, "stream b has committed nothing");

    acknowledgements.committed(checkpoint("public.b", "1"));
    assertEquals(List.of("first"), committer.processed);
    acknowledgements.committed(checkpoint("public.b", "2"));
    assertEquals(List.of("first", "second"), committer.processed);
    assertEquals(2, committer.batchesFinished);

    acknowledgements.committed(checkpoint("public.b", "2"));
    assertEquals(2, committer.processed.size(), "a checkpoint counts once");
  }
}

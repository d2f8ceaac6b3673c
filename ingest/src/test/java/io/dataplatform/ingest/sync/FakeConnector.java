package io.dataplatform.ingest.sync;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.ChangeOperation;
import io.dataplatform.api.connector.CheckResult;
import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.Connector;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.ConnectorSpec;
import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.ReadRequest;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceMessage;
import io.dataplatform.api.connector.SourceReader;
import io.dataplatform.api.connector.SourceRecord;
import io.dataplatform.api.connector.SourceStream;
import io.dataplatform.api.connector.StreamState;
import io.dataplatform.api.connector.SyncMode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A source held in memory, for engine tests: stream {@code items} (id, name, version) read in full
 * or incrementally by {@code version}, and stream {@code changes} with the same columns and a
 * change log for CDC. Tests change the rows and the log between syncs and can make a read fail.
 */
final class FakeConnector implements Connector {
  static final List<SourceColumn> COLUMNS =
      List.of(
          SourceColumn.nullable("id", DataType.INT, "int"),
          SourceColumn.nullable("name", DataType.STRING, "text"),
          SourceColumn.nullable("version", DataType.LONG, "bigint"));

  /** A change in the log; positions compare in string order. */
  record Change(ChangeOperation operation, Object[] values, String position) {}

  final List<Object[]> items = new CopyOnWriteArrayList<>();
  final List<Change> changes = new CopyOnWriteArrayList<>();
  volatile List<SourceColumn> columns = COLUMNS;

  /** Whether the change log keeps growing by one insert per poll once replayed. */
  volatile boolean trickle;

  /** Batches sent before a read fails; negative: never. */
  volatile int failAfterBatches = -1;

  final List<Map<String, String>> requestedStates = new CopyOnWriteArrayList<>();
  final List<SourceMessage.Checkpoint> acknowledged = new CopyOnWriteArrayList<>();

  /** Record batches the readers handed out. */
  final AtomicInteger batchesSent = new AtomicInteger();

  @Override
  public String type() {
    return "fake";
  }

  @Override
  public ConnectorSpec spec() {
    return new ConnectorSpec(
        "Fake",
        "{\"type\":\"object\",\"properties\":{\"token\":{\"type\":\"string\",\"secret\":true},"
            + "\"label\":{\"type\":\"string\"}}}",
        "");
  }

  @Override
  public CheckResult check(ConnectorConfig config) {
    return CheckResult.succeeded("ok");
  }

  @Override
  public List<SourceStream> discover(ConnectorConfig config) {
    return List.of(
        new SourceStream(
            "items",
            columns,
            List.of("id"),
            List.of("version"),
            Optional.empty(),
            Set.of(
                SyncMode.FULL_REFRESH_OVERWRITE,
                SyncMode.FULL_REFRESH_APPEND,
                SyncMode.INCREMENTAL_APPEND,
                SyncMode.INCREMENTAL_DEDUP)),
        new SourceStream(
            "changes", columns, List.of("id"), List.of(), Optional.empty(), Set.of(SyncMode.CDC)));
  }

  @Override
  public SourceReader read(ConnectorConfig config, ReadRequest request) {
    Queue<SourceMessage> messages = new ArrayDeque<>();
    for (ConfiguredStream stream : request.streams()) {
      requestedStates.add(stream.state().values());
      if (stream.mode() == SyncMode.CDC) {
        changeLog(stream, request.batchRows(), messages);
      } else {
        table(stream, request.batchRows(), messages);
      }
    }
    return new Reader(messages, request.streams().stream().allMatch(s -> s.mode() != SyncMode.CDC));
  }

  private void table(ConfiguredStream stream, int batchRows, Queue<SourceMessage> messages) {
    boolean incremental = stream.cursor().isPresent();
    long after = Long.parseLong(stream.state().value("version").orElse("-1"));
    List<Object[]> rows = new ArrayList<>();
    for (Object[] row : items) {
      if (!incremental || (Long) row[2] > after) {
        rows.add(row);
      }
    }
    rows.sort(Comparator.comparingLong(row -> (Long) row[2]));
    for (int start = 0; start < rows.size(); start += batchRows) {
      List<Object[]> batch = rows.subList(start, Math.min(rows.size(), start + batchRows));
      List<SourceRecord> records =
          batch.stream().map(row -> SourceRecord.read(row.clone())).toList();
      messages.add(new SourceMessage.RecordBatch(stream.name(), columns, records));
      long last = (Long) batch.get(batch.size() - 1)[2];
      messages.add(
          new SourceMessage.Checkpoint(
              stream.name(), new StreamState(Map.of("version", Long.toString(last)))));
    }
    messages.add(new SourceMessage.StreamEnd(stream.name()));
  }

  /** Replays the whole log after the state's position, as a source resuming from it would. */
  private void changeLog(ConfiguredStream stream, int batchRows, Queue<SourceMessage> messages) {
    String after = stream.state().value("position").orElse("");
    List<Change> pending = changes.stream().filter(c -> c.position().compareTo(after) > 0).toList();
    for (int start = 0; start < pending.size(); start += batchRows) {
      List<Change> batch = pending.subList(start, Math.min(pending.size(), start + batchRows));
      List<SourceRecord> records =
          batch.stream()
              .map(
                  c ->
                      new SourceRecord(
                          c.operation(), c.values().clone(), Optional.of(c.position())))
              .toList();
      messages.add(new SourceMessage.RecordBatch(stream.name(), columns, records));
      messages.add(
          new SourceMessage.Checkpoint(
              stream.name(),
              new StreamState(Map.of("position", batch.get(batch.size() - 1).position()))));
    }
  }

  private final class Reader implements SourceReader {
    private final Queue<SourceMessage> messages;
    private final boolean ends;
    private int batches;

    Reader(Queue<SourceMessage> messages, boolean ends) {
      this.messages = messages;
      this.ends = ends;
    }

    @Override
    public Optional<SourceMessage> poll(Duration timeout) throws InterruptedException {
      SourceMessage next = messages.peek();
      if (next instanceof SourceMessage.RecordBatch && batches == failAfterBatches) {
        throw new DpException(
            StandardErrorCode.EXTERNAL_FAILURE, "Cannot read fake source: connection reset");
      }
      if (next == null && trickle && !ends) {
        int id = 1_000_000 + changes.size();
        Change change =
            new Change(
                ChangeOperation.INSERT,
                new Object[] {id, "trickle", 1L},
                String.format("%012d", id));
        changes.add(change);
        String stream = "changes";
        messages.add(
            new SourceMessage.RecordBatch(
                stream,
                columns,
                List.of(
                    new SourceRecord(
                        change.operation(),
                        change.values().clone(),
                        Optional.of(change.position())))));
        messages.add(
            new SourceMessage.Checkpoint(
                stream, new StreamState(Map.of("position", change.position()))));
        Thread.sleep(5);
        next = messages.peek();
      }
      if (next == null) {
        Thread.sleep(Math.min(timeout.toMillis(), 20));
        return Optional.empty();
      }
      if (next instanceof SourceMessage.RecordBatch) {
        batches++;
        batchesSent.incrementAndGet();
      }
      return Optional.of(messages.poll());
    }

    @Override
    public boolean isFinished() {
      return ends && messages.isEmpty();
    }

    @Override
    public void committed(SourceMessage.Checkpoint checkpoint) {
      acknowledged.add(checkpoint);
    }

    @Override
    public void close() {}
  }
}

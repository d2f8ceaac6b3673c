package io.dataplatform.ingest.cdc;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.ChangeOperation;
import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.ReadRequest;
import io.dataplatform.api.connector.SourceMessage;
import io.dataplatform.api.connector.SourceReader;
import io.debezium.embedded.Connect;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.spi.OffsetCommitPolicy;
import io.debezium.text.ParsingException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SourceReader} over a Debezium embedded engine. The engine's thread hands changes over a
 * bounded queue, a batch of Debezium's at a time (so memory stays flat when the sync engine is
 * slower than the source, and the threads meet once per batch rather than per change); {@link
 * #poll} gathers them into batches of up to {@code batchRows} records, then sends a checkpoint per
 * stream. Debezium is told a change is processed, and so may acknowledge it at the source, only
 * when every stream's checkpoint covering it has been {@linkplain #committed committed}.
 */
final class DebeziumReader implements SourceReader {
  private static final Logger LOG = LoggerFactory.getLogger(DebeziumReader.class);

  /** How long a batch waits for more changes before it is sent. */
  private static final Duration LINGER = Duration.ofMillis(250);

  private final CdcFlavor flavor;
  private final ReadRequest request;
  private final Map<String, ConfiguredStream> streamsByTable;
  private final Map<String, Optional<CdcState>> resumedStates = new HashMap<>();
  private final Optional<String> historyId;
  private final int idleStopSeconds;
  private final BlockingQueue<List<Change>> changes;

  /** Changes taken from the queue that the last round had no room for; the polling thread's. */
  private final ArrayDeque<Change> pending = new ArrayDeque<>();

  private final ArrayDeque<SourceMessage> outbox = new ArrayDeque<>();
  private final ChangeBatcher batcher;
  private final PositionSequence positions = new PositionSequence();
  private final Acknowledgements acknowledgements;
  private final ExecutorService thread;
  private final DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine;
  private volatile String failure;
  private volatile boolean stopped;
  private volatile long lastChangeNanos = System.nanoTime();
  private volatile boolean taskStarted;
  private volatile int summaryMeters;
  private boolean ended;

  /** The position of the last change sent, which a heartbeat's checkpoint still covers. */
  private String lastPosition;

  /**
   * The offset of the last checkpoint sent (at first, of the state resumed from); a heartbeat not
   * far enough past it is dropped.
   */
  private Map<String, ?> lastOffset;

  /**
   * One change as the engine thread hands it over; or a heartbeat, which has only the partition,
   * offset and event (no stream, operation, row or position).
   */
  record Change(
      ConfiguredStream stream,
      ChangeOperation operation,
      Struct row,
      String position,
      Map<String, ?> partition,
      Map<String, ?> offset,
      boolean snapshot,
      ChangeEvent<SourceRecord, SourceRecord> event) {
    static Change heartbeat(
        Map<String, ?> partition,
        Map<String, ?> offset,
        ChangeEvent<SourceRecord, SourceRecord> event) {
      return new Change(null, null, null, null, partition, offset, false, event);
    }

    boolean isHeartbeat() {
      return stream == null;
    }
  }

  DebeziumReader(
      CdcFlavor flavor,
      ReadRequest request,
      Map<String, ConfiguredStream> streamsByTable,
      Properties properties,
      Optional<String> historyId,
      int idleStopSeconds) {
    this.flavor = requireNonNull(flavor, "flavor");
    this.request = requireNonNull(request, "request");
    this.streamsByTable = Map.copyOf(streamsByTable);
    this.historyId = requireNonNull(historyId, "historyId");
    this.idleStopSeconds = idleStopSeconds;
    Optional<CdcState> resume = CdcState.resumePoint(request.streams(), flavor.type());
    this.lastPosition = resume.map(CdcState::position).orElse("");
    this.lastOffset = resume.<Map<String, ?>>map(CdcState::offset).orElse(Map.of());
    // a snapshot taken again delivers every row anew: no stream skips what its state covered
    boolean snapshotStartsOver = CdcState.snapshotStartsOver(request.streams());
    for (ConfiguredStream stream : request.streams()) {
      resumedStates.put(
          stream.name(),
          snapshotStartsOver ? Optional.empty() : CdcState.of(stream.state(), stream.name()));
    }
    int bufferedChanges = Math.max(1024, Math.min(request.batchRows() * 2, 65536));
    this.changes =
        new ArrayBlockingQueue<>(Math.max(2, bufferedChanges / DebeziumProperties.MAX_BATCH_SIZE));
    this.batcher = new ChangeBatcher();
    this.acknowledgements = new Acknowledgements(request.streams());
    this.engine =
        DebeziumEngine.create(Connect.class)
            .using(properties)
            .using(OffsetCommitPolicy.always())
            .using(this::completed)
            .using(
                new DebeziumEngine.ConnectorCallback() {
                  @Override
                  public void taskStarted() {
                    summaryMeters = EventSummaries.install(DebeziumReader.this.engine);
                    // the idle time counts from the start of the reading, not of the engine
                    taskStarted = true;
                    lastChangeNanos = System.nanoTime();
                  }
                })
            .notifying(this::handleBatch)
            .build();
    this.thread =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread worker = new Thread(runnable, "cdc-" + request.connectionName());
              worker.setDaemon(true);
              return worker;
            });
    thread.execute(engine);
  }

  private void completed(boolean success, String message, Throwable error) {
    if (!stopped) {
      String reason = reason(message, error);
      LOG.warn("{} change data capture for {} stopped: {}", flavor.type(), request, reason, error);
      failure = reason;
    }
  }

  /**
   * Why the change reader stopped: the engine's message and the innermost cause that says more.
   * Debezium wraps a failure in exceptions that only say that the producer stopped.
   */
  static String reason(String message, Throwable error) {
    String reason = message == null ? "the change reader stopped" : message;
    Throwable innermost = null;
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ParsingException) {
        return reason + ": " + unparseable(cause.getMessage());
      }
      if (cause.getMessage() != null && !reason.contains(cause.getMessage())) {
        innermost = cause;
      }
    }
    return innermost == null ? reason : reason + ": " + innermost.getMessage();
  }

  /** A statement of the binlog the change reader's grammar does not know, and what to do. */
  private static String unparseable(String parserMessage) {
    String text = parserMessage == null ? "" : parserMessage;
    int start = text.indexOf("statement '");
    String statement = start < 0 ? text : text.substring(start + "statement '".length());
    // the grammar's own report, which repeats the statement, follows it
    statement =
        statement
            .split("'\\s+(?=no viable|mismatched|extraneous|missing|token recognition)", 2)[0]
            .replaceAll("'$", "")
            .replaceAll("\\s+", " ")
            .strip();
    if (statement.length() > 300) {
      statement = statement.substring(0, 300) + "…";
    }
    return "the change reader cannot parse a statement of the source's log ("
        + statement
        + "); a table defined with syntax it does not know cannot be captured. Reset the"
        + " connection's CDC streams to take a new snapshot after that statement (dp sync"
        + " <connection> --reset)";
  }

  private void handleBatch(
      List<ChangeEvent<SourceRecord, SourceRecord>> events,
      DebeziumEngine.RecordCommitter<ChangeEvent<SourceRecord, SourceRecord>> committer)
      throws InterruptedException {
    acknowledgements.useCommitter(committer);
    List<Change> batch = new ArrayList<>(events.size());
    for (ChangeEvent<SourceRecord, SourceRecord> event : events) {
      change(event).ifPresent(batch::add);
    }
    if (batch.isEmpty()) {
      return;
    }
    while (!changes.offer(batch, 200, TimeUnit.MILLISECONDS)) {
      if (stopped) {
        throw new InterruptedException("the change reader is closed");
      }
    }
  }

  private Optional<Change> change(ChangeEvent<SourceRecord, SourceRecord> event) {
    SourceRecord record = event.value();
    if (record.topic() != null
        && record.topic().startsWith(DebeziumProperties.HEARTBEAT_TOPICS + ".")
        && record.sourceOffset() != null) {
      return Optional.of(Change.heartbeat(record.sourcePartition(), record.sourceOffset(), event));
    }
    if (!(record.value() instanceof Struct envelope)
        || envelope.schema().field("op") == null
        || envelope.schema().field("source") == null) {
      return Optional.empty(); // tombstones, heartbeats, schema change events
    }
    Struct source = envelope.getStruct("source");
    ConfiguredStream stream = streamsByTable.get(flavor.table(source));
    ChangeOperation operation = operation(envelope.getString("op"));
    if (stream == null || operation == null) {
      return Optional.empty();
    }
    Struct row =
        operation == ChangeOperation.DELETE
            ? envelope.getStruct("before")
            : envelope.getStruct("after");
    if (row == null) {
      return Optional.empty();
    }
    boolean snapshot = operation == ChangeOperation.READ;
    String position =
        positions.next(flavor.position(source, record.sourceOffset(), snapshot), snapshot);
    return Optional.of(
        new Change(
            stream,
            operation,
            row,
            position,
            record.sourcePartition(),
            record.sourceOffset(),
            snapshot,
            event));
  }

  private static ChangeOperation operation(String op) {
    return switch (op) {
      case "r" -> ChangeOperation.READ;
      case "c" -> ChangeOperation.INSERT;
      case "u" -> ChangeOperation.UPDATE;
      case "d" -> ChangeOperation.DELETE;
      default -> null;
    };
  }

  @Override
  public Optional<SourceMessage> poll(Duration timeout) throws InterruptedException {
    if (!outbox.isEmpty()) {
      return Optional.of(outbox.poll());
    }
    if (ended) {
      return Optional.empty();
    }
    if (pending.isEmpty()) {
      List<Change> first = changes.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (first == null) {
        failIfStopped();
        endIfIdle();
        return Optional.ofNullable(outbox.poll());
      }
      pending.addAll(first);
    }
    int limit = request.batchRows();
    List<Change> round = new ArrayList<>(Math.min(limit, Math.max(pending.size(), 16)));
    long deadline = System.nanoTime() + LINGER.toNanos();
    while (true) {
      while (round.size() < limit && !pending.isEmpty()) {
        round.add(pending.poll());
      }
      long left = deadline - System.nanoTime();
      if (round.size() >= limit || left <= 0) {
        break;
      }
      List<Change> next = changes.poll();
      if (next == null) {
        next = changes.poll(Math.min(left, 20_000_000L), TimeUnit.NANOSECONDS);
      }
      if (next != null) {
        pending.addAll(next);
      }
    }
    if (round.stream().anyMatch(change -> !change.isHeartbeat())) {
      lastChangeNanos = System.nanoTime();
    }
    sendRound(round);
    return Optional.ofNullable(outbox.poll());
  }

  /**
   * Sends the round's changes in batches, then a checkpoint per stream at the round's last offset.
   * A round of heartbeats only (the chosen tables saw no change) is checkpointed when the source's
   * offset moved far enough on ({@link CdcFlavor#heartbeatWorthCheckpoint}), so the committed
   * state, and after its commit the source, follow the log.
   */
  private void sendRound(List<Change> round) {
    Change last = round.get(round.size() - 1);
    boolean heartbeatsOnly = round.stream().allMatch(Change::isHeartbeat);
    if (heartbeatsOnly && !flavor.heartbeatWorthCheckpoint(lastOffset, last.offset())) {
      return;
    }
    List<Change> kept = new ArrayList<>(round.size());
    for (Change change : round) {
      if (change.isHeartbeat()) {
        continue;
      }
      lastPosition = change.position();
      Optional<CdcState> resumed = resumedStates.get(change.stream().name());
      if (resumed.isPresent() && !change.snapshot() && resumed.get().covers(change.position())) {
        continue; // committed before the restart for this stream
      }
      kept.add(change);
    }
    outbox.addAll(batcher.batches(kept));
    lastOffset = toObjects(last.offset());
    CdcState state =
        new CdcState(
            toObjects(last.partition()),
            toObjects(last.offset()),
            lastPosition,
            CdcState.snapshotRunning(last.offset()),
            historyId
                .flatMap(StateSchemaHistory::open)
                .map(StateSchemaHistory::documents)
                .orElse(List.of()));
    long roundId = acknowledgements.newRound(last.event());
    for (ConfiguredStream stream : request.streams()) {
      SourceMessage.Checkpoint checkpoint =
          new SourceMessage.Checkpoint(stream.name(), state.toStreamState());
      acknowledgements.expect(checkpoint, roundId);
      outbox.add(checkpoint);
    }
  }

  private static Map<String, Object> toObjects(Map<String, ?> map) {
    return map == null ? Map.of() : new HashMap<>(map);
  }

  private void failIfStopped() {
    String reason = failure;
    if (reason != null) {
      throw new DpException(
          StandardErrorCode.EXTERNAL_FAILURE,
          "Cannot read changes from "
              + flavor.type()
              + ": "
              + reason
              + " ("
              + request.connectionName()
              + ")");
    }
  }

  private void endIfIdle() {
    if (idleStopSeconds > 0
        && taskStarted
        && System.nanoTime() - lastChangeNanos > TimeUnit.SECONDS.toNanos(idleStopSeconds)) {
      for (ConfiguredStream stream : request.streams()) {
        outbox.add(new SourceMessage.StreamEnd(stream.name()));
      }
      ended = true;
    }
  }

  /**
   * How many of Debezium's event meters keep a cheap last-event summary; see {@link
   * EventSummaries}.
   */
  int cheapSummaryMeters() {
    return summaryMeters;
  }

  @Override
  public boolean isFinished() {
    return ended && outbox.isEmpty();
  }

  @Override
  public void committed(SourceMessage.Checkpoint checkpoint) {
    try {
      acknowledgements.committed(checkpoint);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stopped = true;
    try {
      engine.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Cannot stop the change reader cleanly ({})", request.connectionName(), e);
    }
    thread.shutdown();
    try {
      if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
    historyId.ifPresent(StateSchemaHistory::forget);
  }
}

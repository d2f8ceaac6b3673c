package io.dataplatform.ingest.source.postgres;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.ReadRequest;
import io.dataplatform.api.connector.SourceMessage;
import io.dataplatform.api.connector.SourceReader;
import io.dataplatform.api.connector.StreamState;
import io.dataplatform.ingest.cdc.PostgresSnapshotExport;
import io.dataplatform.ingest.source.jdbc.BackgroundReader;
import io.dataplatform.ingest.source.jdbc.JdbcDiscovery;
import io.dataplatform.ingest.source.jdbc.JdbcEndpoint;
import io.dataplatform.ingest.source.jdbc.JdbcErrors;
import io.dataplatform.ingest.source.jdbc.JdbcTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The initial snapshot of PostgreSQL CDC streams read with binary {@code COPY}, the full refresh's
 * path, instead of row by row through Debezium; then the change log from the replication slot.
 *
 * <p>The slot was created with an exported snapshot ({@link PostgresSnapshotExport}). One
 * repeatable-read transaction imports it and copies every table in it. Each staged file is followed
 * by a checkpoint of every stream with the snapshot's running state, so the sync commits as it goes
 * and a sync stopped here takes the snapshot again (replacing the tables). After the last table,
 * every stream is checkpointed with the complete state, and the change reader starts from it: the
 * slot delivers the changes committed after its consistent point, which the snapshot did not see.
 */
final class CopySnapshotReader implements SourceReader {
  private static final PostgresDialect DIALECT = new PostgresDialect();

  /**
   * Where the tables of the snapshot are read.
   *
   * @param endpoint the source database
   * @param discovery finds and describes a stream's table
   * @param export the binary COPY of a table into staged files
   */
  record Tables(JdbcEndpoint endpoint, JdbcDiscovery discovery, PostgresCopyExport export) {}

  private final PostgresSnapshotExport slot;
  private final ReadRequest request;
  private final Function<ReadRequest, SourceReader> changeReader;
  private final BackgroundReader copy;
  private final Set<SourceMessage.Checkpoint> snapshotCheckpoints =
      Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
  private volatile boolean copied;
  private volatile SourceReader changes;

  /**
   * Starts copying.
   *
   * @param slot the slot just created, whose exported snapshot the copy imports; closed here
   * @param changeReader the change reader of a request, started once the snapshot is read
   */
  CopySnapshotReader(
      PostgresSnapshotExport slot,
      ReadRequest request,
      Tables tables,
      Function<ReadRequest, SourceReader> changeReader) {
    this.slot = requireNonNull(slot, "slot");
    this.request = requireNonNull(request, "request");
    this.changeReader = requireNonNull(changeReader, "changeReader");
    requireNonNull(tables, "tables");
    this.copy =
        new BackgroundReader(
            "dp-snapshot-postgres-" + request.connectionName(),
            0,
            4,
            output -> copyTables(tables, output));
  }

  private void copyTables(Tables tables, BackgroundReader.Output output) throws Exception {
    String reading = "the initial snapshot of " + request.connectionName();
    try (Connection connection = tables.endpoint().connect()) {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      DIALECT.prepareForStreaming(connection);
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET TRANSACTION SNAPSHOT '" + slot.snapshotName() + "'");
      }
      // the transaction holds the snapshot now: the slot is free for the change reader
      slot.close();
      Optional<String> position = Optional.of(slot.position());
      for (ConfiguredStream stream : request.streams()) {
        reading = "stream " + stream.name();
        output.send(
            new SourceMessage.LogLine(
                stream.name(),
                "initial snapshot with COPY, as of the replication slot's consistent point "
                    + slot.consistentPoint()));
        JdbcTable table =
            tables
                .discovery()
                .describe(connection, tables.discovery().find(connection, stream.name()));
        tables
            .export()
            .export(
                connection,
                table,
                stream,
                request.workDirectory(),
                output,
                position,
                () -> checkpointAll(output, slot.runningState()));
      }
      connection.commit();
    } catch (SQLException e) {
      throw JdbcErrors.read(tables.endpoint(), reading, e);
    }
    checkpointAll(output, slot.completeState());
    copied = true;
  }

  private void checkpointAll(BackgroundReader.Output output, StreamState state)
      throws InterruptedException {
    for (ConfiguredStream stream : request.streams()) {
      SourceMessage.Checkpoint checkpoint = new SourceMessage.Checkpoint(stream.name(), state);
      snapshotCheckpoints.add(checkpoint);
      output.send(checkpoint);
    }
  }

  @Override
  public Optional<SourceMessage> poll(Duration timeout) throws InterruptedException {
    if (changes != null) {
      return changes.poll(timeout);
    }
    Optional<SourceMessage> message = copy.poll(timeout);
    if (message.isEmpty() && copied) {
      copy.close();
      changes = changeReader.apply(followingRequest());
    }
    return message;
  }

  /** The request with every stream at the snapshot's complete state. */
  private ReadRequest followingRequest() {
    StreamState complete = slot.completeState();
    List<ConfiguredStream> streams = new ArrayList<>();
    for (ConfiguredStream stream : request.streams()) {
      streams.add(
          new ConfiguredStream(
              stream.stream(), stream.mode(), stream.cursor(), stream.primaryKey(), complete));
    }
    return new ReadRequest(
        streams, request.connectionName(), request.workDirectory(), request.batchRows());
  }

  @Override
  public boolean isFinished() {
    return changes != null && changes.isFinished();
  }

  @Override
  public void committed(SourceMessage.Checkpoint checkpoint) {
    if (snapshotCheckpoints.remove(checkpoint)) {
      return; // nothing at the source waits for the snapshot's commits
    }
    if (changes != null) {
      changes.committed(checkpoint);
    }
  }

  @Override
  public void close() {
    try {
      copy.close();
    } finally {
      slot.close();
      if (changes != null) {
        changes.close();
      }
    }
  }
}

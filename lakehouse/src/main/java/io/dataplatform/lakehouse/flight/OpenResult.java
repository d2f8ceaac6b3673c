package io.dataplatform.lakehouse.flight;

import static java.util.Objects.requireNonNull;

import io.dataplatform.lakehouse.sql.StatementResult;
import io.grpc.Context;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBResultSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A query result that has run and waits to be streamed to one client as Arrow batches. Owns the
 * statement result, the Arrow reader over it and the memory both use; every path ends in exactly
 * one release.
 */
final class OpenResult {
  private static final Logger LOG = LoggerFactory.getLogger(OpenResult.class);
  private static final Pattern ENGINE_MESSAGE =
      Pattern.compile("message=(.*)}\\s*$", Pattern.DOTALL);

  private final String username;
  private final StatementResult result;
  private final BufferAllocator allocator;
  private final ArrowReader reader;
  private final Schema schema;
  private final AtomicBoolean released = new AtomicBoolean();

  private OpenResult(
      String username,
      StatementResult result,
      BufferAllocator allocator,
      ArrowReader reader,
      Schema schema) {
    this.username = requireNonNull(username, "username");
    this.result = requireNonNull(result, "result");
    this.allocator = requireNonNull(allocator, "allocator");
    this.reader = requireNonNull(reader, "reader");
    this.schema = requireNonNull(schema, "schema");
  }

  /**
   * Opens the Arrow export of a query's rows. On failure the statement result is marked failed and
   * closed.
   */
  static OpenResult open(
      String username,
      StatementResult result,
      ResultSet rows,
      BufferAllocator parent,
      int batchRows) {
    BufferAllocator allocator = null;
    try {
      allocator = parent.newChildAllocator("query-" + result.queryId(), 0, Long.MAX_VALUE);
      DuckDBResultSet duckDbRows = rows.unwrap(DuckDBResultSet.class);
      ArrowReader reader = (ArrowReader) duckDbRows.arrowExportStream(allocator, batchRows);
      Schema decoded = OutgoingRoot.decodedSchema(reader.getVectorSchemaRoot().getSchema(), reader);
      Schema schema =
          new Schema(
              decoded.getFields().stream().map(DuckDbArrowTypes::withColumnMetadata).toList());
      return new OpenResult(username, result, allocator, reader, schema);
    } catch (SQLException | IOException | RuntimeException e) {
      result.failed(e);
      result.close();
      if (allocator != null) {
        allocator.close();
      }
      throw CallStatus.INTERNAL
          .withDescription("Cannot export query results as Arrow: " + e.getMessage())
          .withCause(e)
          .toRuntimeException();
    }
  }

  String username() {
    return username;
  }

  Schema schema() {
    return schema;
  }

  /**
   * Sends every batch to the client, waiting while the client is slow, then releases the result.
   * When the client goes away or cannot keep up within {@code clientWaitTimeout}, the result is
   * recorded as failed.
   */
  void streamTo(ServerStreamListener listener, Duration clientWaitTimeout) {
    // gRPC delivers cancel and ready callbacks on the thread this method blocks, so the wait
    // polls the listener and the call's gRPC context instead of waiting for those callbacks.
    Context call = Context.current();
    long rowsSent = 0;
    // The reader loads every batch into the same vectors; the outgoing root shares them, adds
    // the column metadata JDBC clients read and decodes dictionary columns.
    try (OutgoingRoot outgoing =
        new OutgoingRoot(schema, reader.getVectorSchemaRoot(), reader, allocator)) {
      boolean hasBatch = reader.loadNextBatch();
      listener.start(outgoing.root());
      while (hasBatch) {
        ClientState state = awaitClient(listener, call, clientWaitTimeout);
        if (state != ClientState.READY) {
          abandon(listener, state, rowsSent);
          return;
        }
        outgoing.loadCurrentBatch();
        listener.putNext();
        rowsSent += outgoing.root().getRowCount();
        hasBatch = reader.loadNextBatch();
      }
      listener.completed();
      result.rowsReturned(rowsSent);
    } catch (IOException | RuntimeException e) {
      result.rowsReturned(rowsSent);
      fail(e);
      if (!listener.isCancelled() && !call.isCancelled()) {
        listener.error(streamError(e));
      }
    } finally {
      release();
    }
  }

  /**
   * The engine reports errors it meets while producing rows (a failed cast, say) through the Arrow
   * C stream as I/O errors; those are the user's. Anything else is a defect.
   */
  private static FlightRuntimeException streamError(Exception error) {
    if (error instanceof IOException) {
      Matcher engineMessage = ENGINE_MESSAGE.matcher(String.valueOf(error.getMessage()));
      String message = engineMessage.find() ? engineMessage.group(1) : error.getMessage();
      return CallStatus.INVALID_ARGUMENT
          .withDescription("Cannot read query results: " + message)
          .withCause(error)
          .toRuntimeException();
    }
    LOG.error("Cannot send query results", error);
    return CallStatus.INTERNAL
        .withDescription("Cannot send query results: internal error (" + error.getMessage() + ")")
        .withCause(error)
        .toRuntimeException();
  }

  private enum ClientState {
    READY,
    GONE,
    STALLED
  }

  private static final long BRISK_POLL_NANOS = 10_000;
  private static final long BRISK_POLL_MAX_NANOS = 100_000;
  private static final long BRISK_PERIOD_NANOS = 50_000_000;
  private static final long SLOW_POLL_MAX_NANOS = 10_000_000;

  private static ClientState awaitClient(
      ServerStreamListener listener, Context call, Duration timeout) {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    long pause = BRISK_POLL_NANOS;
    while (true) {
      if (listener.isCancelled() || call.isCancelled()) {
        return ClientState.GONE;
      }
      if (listener.isReady()) {
        return ClientState.READY;
      }
      long now = System.nanoTime();
      if (now > deadline) {
        return ClientState.STALLED;
      }
      LockSupport.parkNanos(pause);
      // A client that reads frees the stream within a fraction of a millisecond, so the first
      // polls are brisk (a long pause would add its length to every batch); a client that stays
      // slow is polled less and less often.
      long maximum =
          now - started < BRISK_PERIOD_NANOS ? BRISK_POLL_MAX_NANOS : SLOW_POLL_MAX_NANOS;
      pause = Math.min(pause * 2, maximum);
    }
  }

  private void abandon(ServerStreamListener listener, ClientState state, long rowsSent) {
    String reason =
        state == ClientState.GONE ? "the client closed the stream" : "the client stopped reading";
    result.rowsReturned(rowsSent);
    fail(new IOException("Cannot send query results: " + reason + " (" + rowsSent + " rows sent)"));
    if (state == ClientState.STALLED) {
      listener.error(
          CallStatus.TIMED_OUT
              .withDescription("Cannot send query results: " + reason)
              .toRuntimeException());
    }
  }

  /** Records the result as failed and releases it; used when nobody will read it. */
  void fail(Throwable reason) {
    if (released.get()) {
      return;
    }
    LOG.debug("Query {} ended early: {}", result.queryId(), reason.getMessage());
    result.failed(reason);
    release();
  }

  private void release() {
    if (!released.compareAndSet(false, true)) {
      return;
    }
    try {
      reader.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Cannot close Arrow reader of query {}", result.queryId(), e);
    }
    result.close();
    try {
      allocator.close();
    } catch (IllegalStateException e) {
      LOG.warn("Cannot release Arrow memory of query {}", result.queryId(), e);
    }
  }
}

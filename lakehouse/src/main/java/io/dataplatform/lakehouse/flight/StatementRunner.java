package io.dataplatform.lakehouse.flight;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.dataplatform.lakehouse.sql.ColumnDescriptor;
import io.dataplatform.lakehouse.sql.PlannedQuery;
import io.dataplatform.lakehouse.sql.SqlService;
import io.dataplatform.lakehouse.sql.SqlSession;
import io.dataplatform.lakehouse.sql.StatementResult;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Runs statements through the {@link SqlService} for Flight calls: queries become open results
 * behind one-use tickets, updates become row counts.
 */
final class StatementRunner implements AutoCloseable {
  private final SqlService sqlService;
  private final BufferAllocator allocator;
  private final FlightSettings settings;
  private final OpenResults openResults;

  /** Runs the queries started when they are prepared. */
  private final ExecutorService background =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "flight-sql-query");
            thread.setDaemon(true);
            return thread;
          });

  StatementRunner(SqlService sqlService, BufferAllocator allocator, FlightSettings settings) {
    this.sqlService = requireNonNull(sqlService, "sqlService");
    this.allocator = requireNonNull(allocator, "allocator");
    this.settings = requireNonNull(settings, "settings");
    this.openResults = new OpenResults(settings.timeToFetch(), settings.clock());
  }

  /** Runs a query and answers with the ticket to fetch its rows; no endpoint when it has none. */
  FlightInfo query(
      SqlSession session, String sql, List<Object> parameters, FlightDescriptor descriptor) {
    Optional<OpenResult> open = open(session, sql, parameters);
    if (open.isEmpty()) {
      return new FlightInfo(new Schema(List.of()), descriptor, List.of(), -1, -1);
    }
    return ticketFor(open.get().schema(), openResults.add(open.get()), descriptor);
  }

  /**
   * Starts a query that has no parameters when it is prepared, so its first execution needs no
   * second run. The engine plans the query and describes its columns; the query then runs in the
   * background while the client receives the prepared statement and asks for the result, which
   * waits, like any unfetched result, until it is fetched or expires.
   *
   * @return the result's schema and handle, or empty when the statement returns no rows
   */
  Optional<PreparedResult> runAtPrepare(SqlSession session, String sql) {
    Optional<PlannedQuery> planned = sqlService.plan(session, sql);
    if (planned.isEmpty()) {
      return open(session, sqlService.execute(session, sql, List.of()))
          .map(open -> new PreparedResult(open.schema(), openResults.add(open)));
    }
    PlannedQuery query = planned.get();
    Schema schema = schemaOf(query.columns());
    CompletableFuture<OpenResult> running;
    try {
      running =
          CompletableFuture.supplyAsync(
              () ->
                  open(session, query.run())
                      .orElseThrow(
                          () ->
                              new IllegalStateException(
                                  "Cannot run query: the engine returned no rows for it")),
              background);
    } catch (RejectedExecutionException e) {
      query.close();
      throw FlightErrors.unavailable("Cannot run query: the Flight SQL endpoint is stopping");
    }
    return Optional.of(
        new PreparedResult(
            schema, openResults.add(session.username(), running, session.cancellation())));
  }

  record PreparedResult(Schema schema, ByteString handle) {}

  /** The ticket of a result run at prepare time, if it is still waiting. */
  Optional<FlightInfo> waitingResult(
      ByteString handle, String username, FlightDescriptor descriptor) {
    return openResults
        .takeIfPresent(handle, username)
        .map(open -> ticketFor(open.schema(), openResults.add(open), descriptor));
  }

  /** Drops a result run at prepare time that nobody executed, stopping it if it still runs. */
  void discard(ByteString handle, String username) {
    openResults.drop(
        handle,
        username,
        new CancellationException(
            "Cannot send query results: the prepared statement was closed unused"));
  }

  private static FlightInfo ticketFor(
      Schema schema, ByteString handle, FlightDescriptor descriptor) {
    Ticket ticket =
        new Ticket(
            Any.pack(TicketStatementQuery.newBuilder().setStatementHandle(handle).build())
                .toByteArray());
    return new FlightInfo(schema, descriptor, List.of(new FlightEndpoint(ticket)), -1, -1);
  }

  /** Runs a query and streams its rows right away (DoGet on a command). */
  void queryAndStream(
      SqlSession session, String sql, List<Object> parameters, ServerStreamListener listener) {
    Optional<OpenResult> open = open(session, sql, parameters);
    if (open.isEmpty()) {
      listener.completed();
      return;
    }
    open.get().streamTo(listener, settings.clientWaitTimeout());
  }

  /** Streams the rows behind a ticket that {@link #query} handed out. */
  void stream(ByteString handle, String username, ServerStreamListener listener) {
    OpenResult result;
    try {
      result = openResults.take(handle, username);
    } catch (RuntimeException e) {
      listener.error(FlightErrors.toFlight(e));
      return;
    }
    result.streamTo(listener, settings.clientWaitTimeout());
  }

  /**
   * Drops a result that was not fetched yet, recording it as cancelled.
   *
   * @return whether there was such a result
   */
  boolean cancel(ByteString handle, String username) {
    return openResults.drop(
        handle,
        username,
        new CancellationException("Cannot send query results: the client cancelled the query"));
  }

  private Optional<OpenResult> open(SqlSession session, String sql, List<Object> parameters) {
    return open(session, sqlService.execute(session, sql, parameters));
  }

  private Optional<OpenResult> open(SqlSession session, StatementResult result) {
    Optional<ResultSet> rows = result.rows();
    if (rows.isEmpty()) {
      result.rowsReturned(0);
      result.close();
      return Optional.empty();
    }
    return Optional.of(
        OpenResult.open(session.username(), result, rows.get(), allocator, settings.batchRows()));
  }

  /** Runs DML or DDL and returns the rows it changed (0 for DDL). */
  long update(SqlSession session, String sql, List<Object> parameters) {
    try (StatementResult result = sqlService.execute(session, sql, parameters)) {
      result.rowsReturned(0);
      return Math.max(result.updateCount(), 0);
    }
  }

  /** The Arrow schema of a statement's result, without running it. */
  Schema describe(SqlSession session, String sql) {
    return schemaOf(sqlService.describe(session, sql));
  }

  private static Schema schemaOf(List<ColumnDescriptor> columns) {
    List<Field> fields =
        columns.stream()
            .map(
                column ->
                    DuckDbArrowTypes.field(column.name(), column.type(), ColumnOrigin.UNKNOWN))
            .toList();
    return new Schema(fields);
  }

  void expireUnfetched() {
    openResults.expire();
  }

  int openResultCount() {
    return openResults.size();
  }

  @Override
  public void close() {
    background.shutdown();
    openResults.close();
  }
}

package io.dataplatform.lakehouse.flight;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.dataplatform.lakehouse.sql.SqlService;
import io.dataplatform.lakehouse.sql.SqlSession;
import io.dataplatform.lakehouse.sql.StatementResult;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
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
   * Runs a query that has no parameters when it is prepared, so its first execution needs no second
   * run; the result waits, like any unfetched result, until it is fetched or expires.
   *
   * @return the result's schema and handle, or empty when the statement returns no rows
   */
  Optional<PreparedResult> runAtPrepare(SqlSession session, String sql) {
    return open(session, sql, List.of())
        .map(open -> new PreparedResult(open.schema(), openResults.add(open)));
  }

  record PreparedResult(Schema schema, ByteString handle) {}

  /** The ticket of a result run at prepare time, if it is still waiting. */
  Optional<FlightInfo> waitingResult(
      ByteString handle, String username, FlightDescriptor descriptor) {
    return openResults
        .takeIfPresent(handle, username)
        .map(open -> ticketFor(open.schema(), openResults.add(open), descriptor));
  }

  /** Drops a result run at prepare time that nobody executed. */
  void discard(ByteString handle, String username) {
    openResults
        .takeIfPresent(handle, username)
        .ifPresent(
            open ->
                open.fail(
                    new CancellationException(
                        "Cannot send query results: the prepared statement was closed unused")));
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
    Optional<OpenResult> result = openResults.takeIfPresent(handle, username);
    result.ifPresent(
        open ->
            open.fail(
                new CancellationException(
                    "Cannot send query results: the client cancelled the query")));
    return result.isPresent();
  }

  private Optional<OpenResult> open(SqlSession session, String sql, List<Object> parameters) {
    StatementResult result = sqlService.execute(session, sql, parameters);
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
    List<Field> fields =
        sqlService.describe(session, sql).stream()
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
    openResults.close();
  }
}

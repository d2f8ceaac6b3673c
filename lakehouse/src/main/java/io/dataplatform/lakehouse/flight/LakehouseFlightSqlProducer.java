package io.dataplatform.lakehouse.flight;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.dataplatform.lakehouse.sql.SqlService;
import io.dataplatform.lakehouse.sql.SqlSession;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.CancelStatus;
import org.apache.arrow.flight.Criteria;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SchemaResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.FlightSqlProducer;
import org.apache.arrow.flight.sql.FlightSqlUtils;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionClosePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCatalogs;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCrossReference;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetExportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetImportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetPrimaryKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetSqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTableTypes;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetXdbcTypeInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.DoPutPreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.DoPutUpdateResult;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Serves Flight SQL over the lakehouse's {@link SqlService}. Queries run when the client asks for
 * their FlightInfo; the open result then waits, under a one-use ticket, until the client fetches
 * it. Prepared statements live on the server and keep their bound parameters.
 */
final class LakehouseFlightSqlProducer implements FlightSqlProducer {
  static final String CLIENT_NAME = "flight";

  private final BufferAllocator allocator;
  private final StatementRunner statements;
  private final PreparedQueries preparedQueries;
  private final FlightMetadata metadata;
  private final ParameterTypes parameterTypes;
  private final SqlInfoBuilder sqlInfo = FlightSqlInfo.build();

  LakehouseFlightSqlProducer(
      SqlService sqlService, BufferAllocator allocator, FlightSettings settings) {
    requireNonNull(sqlService, "sqlService");
    this.allocator = requireNonNull(allocator, "allocator");
    requireNonNull(settings, "settings");
    this.statements = new StatementRunner(sqlService, allocator, settings);
    this.preparedQueries = new PreparedQueries(settings.preparedIdleTimeout(), settings.clock());
    this.metadata = new FlightMetadata(sqlService, allocator);
    this.parameterTypes = new ParameterTypes(sqlService);
  }

  /** Drops results nobody fetched and prepared statements nobody used in time. */
  void expireIdle() {
    statements.expireUnfetched();
    preparedQueries.expire();
  }

  int openResultCount() {
    return statements.openResultCount();
  }

  private static SqlSession session(CallContext context) {
    return new SqlSession(context.peerIdentity(), CLIENT_NAME);
  }

  // ---- statements ----

  @Override
  public FlightInfo getFlightInfoStatement(
      CommandStatementQuery command, CallContext context, FlightDescriptor descriptor) {
    return guarded(
        () -> statements.query(session(context), command.getQuery(), List.of(), descriptor));
  }

  @Override
  public SchemaResult getSchemaStatement(
      CommandStatementQuery command, CallContext context, FlightDescriptor descriptor) {
    return guarded(
        () -> new SchemaResult(statements.describe(session(context), command.getQuery())));
  }

  @Override
  public void getStreamStatement(
      TicketStatementQuery ticket, CallContext context, ServerStreamListener listener) {
    statements.stream(ticket.getStatementHandle(), context.peerIdentity(), listener);
  }

  @Override
  public Runnable acceptPutStatement(
      CommandStatementUpdate command,
      CallContext context,
      FlightStream flightStream,
      StreamListener<PutResult> ackStream) {
    return () ->
        acknowledge(
            ackStream,
            () -> {
              long count = statements.update(session(context), command.getQuery(), List.of());
              return DoPutUpdateResult.newBuilder().setRecordCount(count).build();
            });
  }

  // ---- prepared statements ----

  @Override
  public void createPreparedStatement(
      ActionCreatePreparedStatementRequest request,
      CallContext context,
      StreamListener<Result> listener) {
    try {
      SqlSession session = session(context);
      String sql = request.getQuery();
      PreparedQuery query = prepare(session, sql);
      Schema datasetSchema = query.datasetSchema();
      Schema parameterSchema = query.parameterSchema();
      ByteString handle = preparedQueries.add(query);
      ActionCreatePreparedStatementResult result =
          ActionCreatePreparedStatementResult.newBuilder()
              .setPreparedStatementHandle(handle)
              .setDatasetSchema(ByteString.copyFrom(datasetSchema.serializeAsMessage()))
              .setParameterSchema(ByteString.copyFrom(parameterSchema.serializeAsMessage()))
              .build();
      listener.onNext(new Result(Any.pack(result).toByteArray()));
      listener.onCompleted();
    } catch (RuntimeException e) {
      listener.onError(FlightErrors.toFlight(e));
    }
  }

  /**
   * A query without parameters starts running right away, and its first execution takes that
   * result: clients such as the Flight SQL JDBC driver prepare every statement they run, and would
   * otherwise pay for planning it twice and wait for it during two round trips instead of one.
   */
  private PreparedQuery prepare(SqlSession session, String sql) {
    if (SqlPlaceholders.count(sql) == 0 && SqlPlaceholders.isQuery(sql)) {
      Optional<StatementRunner.PreparedResult> result = statements.runAtPrepare(session, sql);
      if (result.isPresent()) {
        return new PreparedQuery(
            session.username(),
            sql,
            result.get().schema(),
            new Schema(List.of()),
            result.get().handle());
      }
    }
    return new PreparedQuery(
        session.username(),
        sql,
        statements.describe(session, sql),
        parameterTypes.schema(session, sql));
  }

  @Override
  public void closePreparedStatement(
      ActionClosePreparedStatementRequest request,
      CallContext context,
      StreamListener<Result> listener) {
    try {
      preparedQueries
          .remove(request.getPreparedStatementHandle(), context.peerIdentity())
          .takeFirstResult()
          .ifPresent(result -> statements.discard(result, context.peerIdentity()));
      listener.onCompleted();
    } catch (RuntimeException e) {
      listener.onError(FlightErrors.toFlight(e));
    }
  }

  @Override
  public SchemaResult getSchemaPreparedStatement(
      CommandPreparedStatementQuery command, CallContext context, FlightDescriptor descriptor) {
    return guarded(
        () ->
            new SchemaResult(
                preparedQueries
                    .find(command.getPreparedStatementHandle(), context.peerIdentity())
                    .datasetSchema()));
  }

  @Override
  public FlightInfo getFlightInfoPreparedStatement(
      CommandPreparedStatementQuery command, CallContext context, FlightDescriptor descriptor) {
    return guarded(
        () -> {
          PreparedQuery query =
              preparedQueries.find(command.getPreparedStatementHandle(), context.peerIdentity());
          Optional<FlightInfo> waiting =
              query
                  .takeFirstResult()
                  .flatMap(
                      result ->
                          statements.waitingResult(result, context.peerIdentity(), descriptor));
          if (waiting.isPresent()) {
            return waiting.get();
          }
          return statements.query(session(context), query.sql(), singleRow(query), descriptor);
        });
  }

  @Override
  public void getStreamPreparedStatement(
      CommandPreparedStatementQuery command, CallContext context, ServerStreamListener listener) {
    try {
      PreparedQuery query =
          preparedQueries.find(command.getPreparedStatementHandle(), context.peerIdentity());
      statements.queryAndStream(session(context), query.sql(), singleRow(query), listener);
    } catch (RuntimeException e) {
      listener.error(FlightErrors.toFlight(e));
    }
  }

  private static List<Object> singleRow(PreparedQuery query) {
    List<List<Object>> rows = query.parameterRows();
    if (rows.size() > 1) {
      throw FlightErrors.invalidArgument(
          "Cannot run prepared query: bind one row of parameters, not several ("
              + rows.size()
              + " rows)");
    }
    return rows.isEmpty() ? List.of() : rows.get(0);
  }

  @Override
  public Runnable acceptPutPreparedStatementQuery(
      CommandPreparedStatementQuery command,
      CallContext context,
      FlightStream flightStream,
      StreamListener<PutResult> ackStream) {
    return () ->
        acknowledge(
            ackStream,
            () -> {
              PreparedQuery query =
                  preparedQueries.find(
                      command.getPreparedStatementHandle(), context.peerIdentity());
              query.bind(ParameterValues.readAll(flightStream));
              return DoPutPreparedStatementResult.newBuilder()
                  .setPreparedStatementHandle(command.getPreparedStatementHandle())
                  .build();
            });
  }

  @Override
  public Runnable acceptPutPreparedStatementUpdate(
      CommandPreparedStatementUpdate command,
      CallContext context,
      FlightStream flightStream,
      StreamListener<PutResult> ackStream) {
    return () ->
        acknowledge(
            ackStream,
            () -> {
              SqlSession session = session(context);
              PreparedQuery query =
                  preparedQueries.find(command.getPreparedStatementHandle(), session.username());
              List<List<Object>> rows = ParameterValues.readAll(flightStream);
              if (rows.isEmpty()) {
                rows = query.parameterRows().isEmpty() ? List.of(List.of()) : query.parameterRows();
              }
              long total = 0;
              for (List<Object> row : rows) {
                total += statements.update(session, query.sql(), row);
              }
              return DoPutUpdateResult.newBuilder().setRecordCount(total).build();
            });
  }

  // ---- metadata ----

  @Override
  public FlightInfo getFlightInfoSqlInfo(
      CommandGetSqlInfo request, CallContext context, FlightDescriptor descriptor) {
    return metadataInfo(request, Schemas.GET_SQL_INFO_SCHEMA, descriptor);
  }

  @Override
  public void getStreamSqlInfo(
      CommandGetSqlInfo command, CallContext context, ServerStreamListener listener) {
    streamGuarded(listener, () -> sqlInfo.send(command.getInfoList(), listener));
  }

  @Override
  public FlightInfo getFlightInfoTypeInfo(
      CommandGetXdbcTypeInfo request, CallContext context, FlightDescriptor descriptor) {
    return metadataInfo(request, Schemas.GET_TYPE_INFO_SCHEMA, descriptor);
  }

  @Override
  public void getStreamTypeInfo(
      CommandGetXdbcTypeInfo request, CallContext context, ServerStreamListener listener) {
    Optional<Integer> dataType =
        request.hasDataType() ? Optional.of(request.getDataType()) : Optional.empty();
    streamGuarded(listener, () -> XdbcTypeInfo.send(dataType, allocator, listener));
  }

  @Override
  public FlightInfo getFlightInfoCatalogs(
      CommandGetCatalogs request, CallContext context, FlightDescriptor descriptor) {
    return metadataInfo(request, Schemas.GET_CATALOGS_SCHEMA, descriptor);
  }

  @Override
  public void getStreamCatalogs(CallContext context, ServerStreamListener listener) {
    streamGuarded(listener, () -> metadata.catalogs(session(context), listener));
  }

  @Override
  public FlightInfo getFlightInfoSchemas(
      CommandGetDbSchemas request, CallContext context, FlightDescriptor descriptor) {
    return metadataInfo(request, Schemas.GET_SCHEMAS_SCHEMA, descriptor);
  }

  @Override
  public void getStreamSchemas(
      CommandGetDbSchemas command, CallContext context, ServerStreamListener listener) {
    streamGuarded(listener, () -> metadata.schemas(session(context), command, listener));
  }

  @Override
  public FlightInfo getFlightInfoTables(
      CommandGetTables request, CallContext context, FlightDescriptor descriptor) {
    Schema schema =
        request.getIncludeSchema()
            ? Schemas.GET_TABLES_SCHEMA
            : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA;
    return metadataInfo(request, schema, descriptor);
  }

  @Override
  public void getStreamTables(
      CommandGetTables command, CallContext context, ServerStreamListener listener) {
    streamGuarded(listener, () -> metadata.tables(session(context), command, listener));
  }

  @Override
  public FlightInfo getFlightInfoTableTypes(
      CommandGetTableTypes request, CallContext context, FlightDescriptor descriptor) {
    return metadataInfo(request, Schemas.GET_TABLE_TYPES_SCHEMA, descriptor);
  }

  @Override
  public void getStreamTableTypes(CallContext context, ServerStreamListener listener) {
    streamGuarded(listener, () -> metadata.tableTypes(session(context), listener));
  }

  @Override
  public FlightInfo getFlightInfoPrimaryKeys(
      CommandGetPrimaryKeys request, CallContext context, FlightDescriptor descriptor) {
    return metadataInfo(request, Schemas.GET_PRIMARY_KEYS_SCHEMA, descriptor);
  }

  @Override
  public void getStreamPrimaryKeys(
      CommandGetPrimaryKeys command, CallContext context, ServerStreamListener listener) {
    streamGuarded(listener, () -> metadata.noRows(Schemas.GET_PRIMARY_KEYS_SCHEMA, listener));
  }

  @Override
  public FlightInfo getFlightInfoExportedKeys(
      CommandGetExportedKeys request, CallContext context, FlightDescriptor descriptor) {
    return metadataInfo(request, Schemas.GET_EXPORTED_KEYS_SCHEMA, descriptor);
  }

  @Override
  public void getStreamExportedKeys(
      CommandGetExportedKeys command, CallContext context, ServerStreamListener listener) {
    streamGuarded(listener, () -> metadata.noRows(Schemas.GET_EXPORTED_KEYS_SCHEMA, listener));
  }

  @Override
  public FlightInfo getFlightInfoImportedKeys(
      CommandGetImportedKeys request, CallContext context, FlightDescriptor descriptor) {
    return metadataInfo(request, Schemas.GET_IMPORTED_KEYS_SCHEMA, descriptor);
  }

  @Override
  public void getStreamImportedKeys(
      CommandGetImportedKeys command, CallContext context, ServerStreamListener listener) {
    streamGuarded(listener, () -> metadata.noRows(Schemas.GET_IMPORTED_KEYS_SCHEMA, listener));
  }

  @Override
  public FlightInfo getFlightInfoCrossReference(
      CommandGetCrossReference request, CallContext context, FlightDescriptor descriptor) {
    return metadataInfo(request, Schemas.GET_CROSS_REFERENCE_SCHEMA, descriptor);
  }

  @Override
  public void getStreamCrossReference(
      CommandGetCrossReference command, CallContext context, ServerStreamListener listener) {
    streamGuarded(listener, () -> metadata.noRows(Schemas.GET_CROSS_REFERENCE_SCHEMA, listener));
  }

  @Override
  public void listFlights(
      CallContext context, Criteria criteria, StreamListener<FlightInfo> listener) {
    listener.onError(
        CallStatus.UNIMPLEMENTED
            .withDescription("Cannot list flights: run a query instead")
            .toRuntimeException());
  }

  @Override
  public void cancelFlightInfo(
      CancelFlightInfoRequest request, CallContext context, StreamListener<CancelStatus> listener) {
    try {
      boolean cancelled = false;
      for (FlightEndpoint endpoint : request.getInfo().getEndpoints()) {
        Any ticket = FlightSqlUtils.parseOrThrow(endpoint.getTicket().getBytes());
        if (ticket.is(TicketStatementQuery.class)) {
          ByteString handle =
              FlightSqlUtils.unpackOrThrow(ticket, TicketStatementQuery.class).getStatementHandle();
          cancelled |= statements.cancel(handle, context.peerIdentity());
        }
      }
      listener.onNext(cancelled ? CancelStatus.CANCELLED : CancelStatus.NOT_CANCELLABLE);
      listener.onCompleted();
    } catch (RuntimeException e) {
      listener.onError(FlightErrors.toFlight(e));
    }
  }

  @Override
  public void close() {
    statements.close();
  }

  // ---- helpers ----

  private static FlightInfo metadataInfo(
      Message command, Schema schema, FlightDescriptor descriptor) {
    Ticket ticket = new Ticket(Any.pack(command).toByteArray());
    return new FlightInfo(schema, descriptor, List.of(new FlightEndpoint(ticket)), -1, -1);
  }

  private interface Action<T> {
    T run();
  }

  private static <T> T guarded(Action<T> action) {
    try {
      return action.run();
    } catch (RuntimeException e) {
      throw FlightErrors.toFlight(e);
    }
  }

  private static void streamGuarded(ServerStreamListener listener, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      listener.error(FlightErrors.toFlight(e));
    }
  }

  private void acknowledge(StreamListener<PutResult> ackStream, Action<Message> action) {
    Message response;
    try {
      response = action.run();
    } catch (RuntimeException e) {
      ackStream.onError(FlightErrors.toFlight(e));
      return;
    }
    byte[] bytes = response.toByteArray();
    try (ArrowBuf buffer = allocator.buffer(bytes.length)) {
      buffer.writeBytes(bytes);
      ackStream.onNext(PutResult.metadata(buffer));
    }
    ackStream.onCompleted();
  }
}

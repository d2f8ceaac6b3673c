package io.dataplatform.lakehouse.flight;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A statement a client prepared: its text, its result and parameter schemas, and the rows of
 * parameter values bound to it last.
 */
final class PreparedQuery {
  private final String username;
  private final String sql;
  private final Schema datasetSchema;
  private final Schema parameterSchema;
  private volatile List<List<Object>> parameterRows = List.of();
  private final AtomicReference<ByteString> firstResult;

  PreparedQuery(String username, String sql, Schema datasetSchema, Schema parameterSchema) {
    this(username, sql, datasetSchema, parameterSchema, null);
  }

  /**
   * @param firstResult the handle of a result already run at prepare time, which the first
   *     execution hands out instead of running the query again; null when there is none
   */
  PreparedQuery(
      String username,
      String sql,
      Schema datasetSchema,
      Schema parameterSchema,
      ByteString firstResult) {
    this.username = requireNonNull(username, "username");
    this.sql = requireNonNull(sql, "sql");
    this.datasetSchema = requireNonNull(datasetSchema, "datasetSchema");
    this.parameterSchema = requireNonNull(parameterSchema, "parameterSchema");
    this.firstResult = new AtomicReference<>(firstResult);
  }

  /** The result run at prepare time, once; empty afterwards or when there was none. */
  Optional<ByteString> takeFirstResult() {
    return Optional.ofNullable(firstResult.getAndSet(null));
  }

  String username() {
    return username;
  }

  String sql() {
    return sql;
  }

  Schema datasetSchema() {
    return datasetSchema;
  }

  Schema parameterSchema() {
    return parameterSchema;
  }

  boolean returnsRows() {
    return !datasetSchema.getFields().isEmpty();
  }

  List<List<Object>> parameterRows() {
    return parameterRows;
  }

  void bind(List<List<Object>> rows) {
    this.parameterRows = List.copyOf(rows);
  }
}

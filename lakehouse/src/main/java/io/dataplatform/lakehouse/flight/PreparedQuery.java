package io.dataplatform.lakehouse.flight;

import static java.util.Objects.requireNonNull;

import java.util.List;
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

  PreparedQuery(String username, String sql, Schema datasetSchema, Schema parameterSchema) {
    this.username = requireNonNull(username, "username");
    this.sql = requireNonNull(sql, "sql");
    this.datasetSchema = requireNonNull(datasetSchema, "datasetSchema");
    this.parameterSchema = requireNonNull(parameterSchema, "parameterSchema");
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

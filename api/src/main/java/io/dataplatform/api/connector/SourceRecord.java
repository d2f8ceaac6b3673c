package io.dataplatform.api.connector;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One row from a source.
 *
 * @param operation {@link ChangeOperation#READ} except for change-log records
 * @param values one value per column of the batch, in the batch's column order, of the Java class
 *     given by the column's {@link DataType.Kind}; {@code null} for SQL NULL
 * @param position for change-log records, the source position of the change (a PostgreSQL LSN, a
 *     binlog coordinate), encoded so that positions of one source compare in string order; empty
 *     otherwise
 */
public record SourceRecord(ChangeOperation operation, Object[] values, Optional<String> position) {
  public SourceRecord {
    requireNonNull(operation, "operation");
    requireNonNull(values, "values");
    requireNonNull(position, "position");
  }

  public static SourceRecord read(Object[] values) {
    return new SourceRecord(ChangeOperation.READ, values, Optional.empty());
  }
}

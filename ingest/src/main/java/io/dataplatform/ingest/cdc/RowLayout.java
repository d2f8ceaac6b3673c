package io.dataplatform.ingest.cdc;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.SourceColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * The columns of a stream's rows under one Debezium row schema, and how to turn a row into record
 * values. Columns the stream's discovery knew keep its type; a column added at the source gets the
 * type its Debezium schema implies.
 */
record RowLayout(Schema schema, List<SourceColumn> columns, List<Field> fields) {
  RowLayout {
    requireNonNull(schema, "schema");
    columns = List.copyOf(columns);
    fields = List.copyOf(fields);
  }

  static RowLayout of(ConfiguredStream stream, Schema rowSchema) {
    List<SourceColumn> columns = new ArrayList<>();
    for (Field field : rowSchema.fields()) {
      Optional<SourceColumn> known = stream.stream().column(field.name());
      if (known.isPresent()) {
        columns.add(
            new SourceColumn(
                field.name(),
                known.get().type(),
                known.get().nullability(),
                known.get().sourceType()));
      } else {
        columns.add(
            new SourceColumn(
                field.name(),
                ConnectTypes.dataType(field.schema()),
                field.schema().isOptional()
                    ? SourceColumn.Nullability.NULLABLE
                    : SourceColumn.Nullability.NOT_NULL,
                ConnectTypes.sourceType(field.schema())));
      }
    }
    return new RowLayout(rowSchema, columns, rowSchema.fields());
  }

  Object[] values(String stream, Struct row) {
    Object[] values = new Object[fields.size()];
    for (int i = 0; i < values.length; i++) {
      Field field = fields.get(i);
      Object value = row.get(field);
      if (isUnavailable(value)) {
        throw new DpException(
            StandardErrorCode.INVALID_CONFIGURATION,
            "Cannot follow the changes of a stream: an update left a large unchanged value out of"
                + " the change log; set replica_identity_full: true on the connection (or REPLICA"
                + " IDENTITY FULL on the table) and reset the stream (dp sync <connection> --reset; "
                + stream
                + ", column "
                + field.name()
                + ")");
      }
      values[i] = ConnectValues.convert(value, field.schema(), columns.get(i).type(), field.name());
    }
    return values;
  }

  private static boolean isUnavailable(Object value) {
    if (value instanceof String text) {
      return text.equals(DebeziumProperties.UNAVAILABLE);
    }
    if (value instanceof java.nio.ByteBuffer buffer) {
      return buffer.remaining() == UNAVAILABLE_BYTES.length
          && buffer.duplicate().equals(java.nio.ByteBuffer.wrap(UNAVAILABLE_BYTES));
    }
    return false;
  }

  private static final byte[] UNAVAILABLE_BYTES =
      DebeziumProperties.UNAVAILABLE.getBytes(java.nio.charset.StandardCharsets.UTF_8);
}

package io.dataplatform.ingest.cdc;

import io.dataplatform.api.connector.DataType;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;

/**
 * The platform type of a column Debezium describes with a Kafka Connect schema. Debezium runs with
 * {@code decimal.handling.mode=string} and {@code column.propagate.source.type}, so a numeric
 * column arrives as text with its source type, length and scale in the schema's parameters.
 */
final class ConnectTypes {
  static final String SOURCE_TYPE = "__debezium.source.column.type";
  static final String SOURCE_LENGTH = "__debezium.source.column.length";
  static final String SOURCE_SCALE = "__debezium.source.column.scale";

  private ConnectTypes() {}

  /** The type of a column the stream's discovery did not know (a column added at the source). */
  static DataType dataType(Schema schema) {
    String name = schema.name() == null ? "" : schema.name();
    switch (name) {
      case "io.debezium.time.Date", "org.apache.kafka.connect.data.Date":
        return DataType.DATE;
      case "io.debezium.time.Time",
      "io.debezium.time.MicroTime",
      "io.debezium.time.NanoTime",
      "org.apache.kafka.connect.data.Time":
        return DataType.TIME;
      case "io.debezium.time.Timestamp",
      "io.debezium.time.MicroTimestamp",
      "io.debezium.time.NanoTimestamp",
      "org.apache.kafka.connect.data.Timestamp":
        return DataType.TIMESTAMP;
      case "io.debezium.time.ZonedTimestamp":
        return DataType.TIMESTAMPTZ;
      case "io.debezium.data.Uuid":
        return DataType.UUID;
      case "io.debezium.data.Json":
        return DataType.JSON;
      case "io.debezium.time.Year":
        return DataType.INT;
      case "io.debezium.data.geometry.Point",
      "io.debezium.data.geometry.Geometry",
      "io.debezium.data.geometry.Geography":
        return DataType.BINARY;
      case Decimal.LOGICAL_NAME:
        return decimal(schema).orElse(DataType.STRING);
      default:
        break;
    }
    Map<String, String> parameters = schema.parameters();
    String sourceType = parameters == null ? null : parameters.get(SOURCE_TYPE);
    if (sourceType != null && isDecimalName(sourceType)) {
      return decimal(schema).orElse(DataType.STRING);
    }
    return switch (schema.type()) {
      case BOOLEAN -> DataType.BOOLEAN;
      case INT8, INT16, INT32 -> DataType.INT;
      case INT64 -> DataType.LONG;
      case FLOAT32 -> DataType.FLOAT;
      case FLOAT64 -> DataType.DOUBLE;
      case BYTES -> DataType.BINARY;
      default -> DataType.STRING;
    };
  }

  /** The type name the source gave, or the Connect type when Debezium did not say. */
  static String sourceType(Schema schema) {
    Map<String, String> parameters = schema.parameters();
    if (parameters != null && parameters.get(SOURCE_TYPE) != null) {
      String type = parameters.get(SOURCE_TYPE);
      String length = parameters.get(SOURCE_LENGTH);
      String scale = parameters.get(SOURCE_SCALE);
      if (length != null && scale != null && isDecimalName(type)) {
        return type + "(" + length + "," + scale + ")";
      }
      return type;
    }
    return schema.name() != null ? schema.name() : schema.type().getName();
  }

  private static boolean isDecimalName(String type) {
    String upper = type.toUpperCase(Locale.ROOT);
    return upper.equals("NUMERIC") || upper.startsWith("DECIMAL");
  }

  private static Optional<DataType> decimal(Schema schema) {
    Map<String, String> parameters = schema.parameters();
    if (parameters == null) {
      return Optional.empty();
    }
    String precision =
        parameters.getOrDefault(SOURCE_LENGTH, parameters.get("connect.decimal.precision"));
    String scale = parameters.getOrDefault(SOURCE_SCALE, parameters.get(Decimal.SCALE_FIELD));
    if (precision == null || scale == null) {
      return Optional.empty();
    }
    try {
      int p = Integer.parseInt(precision);
      int s = Integer.parseInt(scale);
      if (p >= 1 && p <= 38 && s >= 0 && s <= p) {
        return Optional.of(DataType.decimal(p, s));
      }
    } catch (NumberFormatException e) {
      // an unconstrained numeric: text keeps every digit
    }
    return Optional.empty();
  }
}

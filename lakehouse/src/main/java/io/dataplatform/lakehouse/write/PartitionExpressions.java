package io.dataplatform.lakehouse.write;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.math.BigDecimal;
import org.apache.iceberg.types.Type;

/** DuckDB expressions computing Iceberg partition transforms, in Iceberg's internal form. */
final class PartitionExpressions {
  private PartitionExpressions() {}

  static String of(String transform, String column, Type sourceType) {
    String date = "CAST(" + column + " AS DATE)";
    switch (transform) {
      case "identity":
        return DataWriter.internal(column, sourceType);
      case "year":
        return "(year(" + column + ") - 1970)";
      case "month":
        return "((year(" + column + ") - 1970) * 12 + month(" + column + ") - 1)";
      case "day":
        return "datediff('day', DATE '1970-01-01', " + date + ")";
      case "hour":
        return "datediff('hour', TIMESTAMP '1970-01-01', " + column + ")";
      default:
        if (transform.startsWith("truncate[")) {
          int width = Integer.parseInt(transform.substring(9, transform.length() - 1));
          if (sourceType.typeId() == Type.TypeID.STRING) {
            return "left(" + column + ", " + width + ")";
          }
          return "(" + column + " - (((" + column + " % " + width + ") + " + width + ") % " + width
              + "))";
        }
        throw new DpException(
            StandardErrorCode.NOT_SUPPORTED,
            "Cannot write partitioned table: unsupported transform (" + transform + ")");
    }
  }

  /** Converts a value read from DuckDB to the Java class Iceberg uses for the type. */
  static Object internalValue(Type type, Object value) {
    if (value == null) {
      return null;
    }
    return switch (type.typeId()) {
      case INTEGER, DATE -> ((Number) value).intValue();
      case LONG, TIMESTAMP, TIME -> ((Number) value).longValue();
      case STRING -> value.toString();
      case DECIMAL -> (BigDecimal) value;
      case BOOLEAN -> (Boolean) value;
      case DOUBLE -> ((Number) value).doubleValue();
      case FLOAT -> ((Number) value).floatValue();
      default ->
          throw new DpException(
              StandardErrorCode.NOT_SUPPORTED,
              "Cannot write partitioned table: unsupported partition source type (" + type + ")");
    };
  }
}

package io.dataplatform.lakehouse.load;

import io.dataplatform.api.connector.DataType;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** The Iceberg type of each of the platform's logical source types. */
public final class LoadTypes {
  private LoadTypes() {}

  /** The Iceberg type that holds values of {@code type}. */
  public static Type icebergType(DataType type) {
    return switch (type.kind()) {
      case BOOLEAN -> Types.BooleanType.get();
      case INT -> Types.IntegerType.get();
      case LONG -> Types.LongType.get();
      case FLOAT -> Types.FloatType.get();
      case DOUBLE -> Types.DoubleType.get();
      case DECIMAL -> Types.DecimalType.of(type.precision(), type.scale());
      case STRING, JSON -> Types.StringType.get();
      case BINARY -> Types.BinaryType.get();
      case DATE -> Types.DateType.get();
      case TIME -> Types.TimeType.get();
      case TIMESTAMP -> Types.TimestampType.withoutZone();
      case TIMESTAMPTZ -> Types.TimestampType.withZone();
      case UUID -> Types.UUIDType.get();
    };
  }

  /**
   * Whether a table column of type {@code current} can take values of type {@code incoming} without
   * changing its type: the same type, or a narrower one that converts exactly (int into long, float
   * into double, a decimal of the same scale and lower precision).
   */
  static boolean holds(Type current, Type incoming) {
    if (current.equals(incoming)) {
      return true;
    }
    return isPromotion(incoming, current);
  }

  /** Whether Iceberg can change a column from {@code from} to {@code to} in place. */
  static boolean isPromotion(Type from, Type to) {
    if (from.typeId() == Type.TypeID.INTEGER && to.typeId() == Type.TypeID.LONG) {
      return true;
    }
    if (from.typeId() == Type.TypeID.FLOAT && to.typeId() == Type.TypeID.DOUBLE) {
      return true;
    }
    if (from instanceof Types.DecimalType narrow && to instanceof Types.DecimalType wide) {
      return narrow.scale() == wide.scale() && narrow.precision() < wide.precision();
    }
    return false;
  }
}

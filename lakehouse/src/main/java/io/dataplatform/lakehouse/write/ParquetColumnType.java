package io.dataplatform.lakehouse.write;

import java.util.Optional;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * How a column of an Iceberg type is stored in Parquet: its physical type and annotations, as
 * DuckDB writes them, and the Arrow type whose values are written as they are.
 */
final class ParquetColumnType {
  /** Thrift {@code Type} values. */
  static final int BOOLEAN = 0;

  static final int INT32 = 1;
  static final int INT64 = 2;
  static final int FLOAT = 4;
  static final int DOUBLE = 5;
  static final int BYTE_ARRAY = 6;

  /** Thrift {@code ConvertedType} values. */
  private static final int UTF8 = 0;

  private static final int DECIMAL = 5;
  private static final int DATE = 6;
  private static final int TIME_MICROS = 8;
  private static final int TIMESTAMP_MICROS = 10;
  private static final int INT_32 = 17;
  private static final int INT_64 = 18;

  /** How min and max statistics are ordered. */
  enum Order {
    SIGNED,
    BOOLEAN,
    UNSIGNED_BYTES,
    /** No statistics: NaN has no place in the order readers assume. */
    NONE
  }

  final Type type;
  final int physical;

  private ParquetColumnType(Type type, int physical) {
    this.type = type;
    this.physical = physical;
  }

  /** The storage of {@code type}, when the writer supports it. */
  static Optional<ParquetColumnType> of(Type type) {
    int physical =
        switch (type.typeId()) {
          case BOOLEAN -> BOOLEAN;
          case INTEGER, DATE -> INT32;
          case LONG, TIME, TIMESTAMP -> INT64;
          case FLOAT -> FLOAT;
          case DOUBLE -> DOUBLE;
          case STRING, BINARY -> BYTE_ARRAY;
          case DECIMAL -> {
            int precision = ((Types.DecimalType) type).precision();
            yield precision <= 9 ? INT32 : precision <= 18 ? INT64 : -1;
          }
          default -> -1;
        };
    return physical < 0 ? Optional.empty() : Optional.of(new ParquetColumnType(type, physical));
  }

  /** Bytes of a value in a page; 0 for variable-length values, -1 for bit-packed booleans. */
  int width() {
    return switch (physical) {
      case INT32, FLOAT -> 4;
      case INT64, DOUBLE -> 8;
      case BOOLEAN -> -1;
      default -> 0;
    };
  }

  Order order() {
    return switch (physical) {
      case BOOLEAN -> Order.BOOLEAN;
      case INT32, INT64 -> Order.SIGNED;
      case BYTE_ARRAY -> Order.UNSIGNED_BYTES;
      default -> Order.NONE;
    };
  }

  /**
   * The bytes of one value in the Arrow vectors of {@code arrow} when they hold this type's values
   * unchanged (a decimal's low bytes for a narrower decimal), or empty when they do not.
   */
  Optional<Integer> sourceWidth(ArrowType arrow) {
    boolean same =
        switch (type.typeId()) {
          case BOOLEAN -> arrow instanceof ArrowType.Bool;
          case INTEGER ->
              arrow instanceof ArrowType.Int i && i.getIsSigned() && i.getBitWidth() == 32;
          case LONG -> arrow instanceof ArrowType.Int i && i.getIsSigned() && i.getBitWidth() == 64;
          case FLOAT ->
              arrow instanceof ArrowType.FloatingPoint f
                  && f.getPrecision() == FloatingPointPrecision.SINGLE;
          case DOUBLE ->
              arrow instanceof ArrowType.FloatingPoint f
                  && f.getPrecision() == FloatingPointPrecision.DOUBLE;
          case DATE -> arrow instanceof ArrowType.Date d && d.getUnit() == DateUnit.DAY;
          case TIME ->
              arrow instanceof ArrowType.Time t
                  && t.getUnit() == TimeUnit.MICROSECOND
                  && t.getBitWidth() == 64;
          case TIMESTAMP ->
              arrow instanceof ArrowType.Timestamp t
                  && t.getUnit() == TimeUnit.MICROSECOND
                  && (((Types.TimestampType) type).shouldAdjustToUTC()
                      ? "UTC".equals(t.getTimezone())
                      : t.getTimezone() == null);
          case STRING -> arrow instanceof ArrowType.Utf8;
          case BINARY -> arrow instanceof ArrowType.Binary;
          case DECIMAL -> {
            Types.DecimalType decimal = (Types.DecimalType) type;
            yield arrow instanceof ArrowType.Decimal d
                && d.getBitWidth() == 128
                && d.getScale() == decimal.scale()
                && d.getPrecision() <= decimal.precision();
          }
          default -> false;
        };
    if (!same) {
      return Optional.empty();
    }
    return Optional.of(type.typeId() == Type.TypeID.DECIMAL ? 16 : width());
  }

  /** Writes the {@code SchemaElement} of a column of this type. */
  void writeSchemaElement(ThriftCompact thrift, String name, int fieldId) {
    thrift.structBegin();
    thrift.i32(1, physical);
    thrift.i32(3, 1); // OPTIONAL
    thrift.string(4, name);
    switch (type.typeId()) {
      case INTEGER -> thrift.i32(6, INT_32);
      case LONG -> thrift.i32(6, INT_64);
      case STRING -> thrift.i32(6, UTF8);
      case DATE -> thrift.i32(6, DATE);
      case DECIMAL -> {
        Types.DecimalType decimal = (Types.DecimalType) type;
        thrift.i32(6, DECIMAL);
        thrift.i32(7, decimal.scale());
        thrift.i32(8, decimal.precision());
      }
      case TIME -> thrift.i32(6, TIME_MICROS);
      case TIMESTAMP -> thrift.i32(6, TIMESTAMP_MICROS);
      default -> {}
    }
    thrift.i32(9, fieldId);
    switch (type.typeId()) {
      case DECIMAL -> {
        Types.DecimalType decimal = (Types.DecimalType) type;
        thrift.structBegin(10);
        thrift.structBegin(5);
        thrift.i32(1, decimal.scale());
        thrift.i32(2, decimal.precision());
        thrift.structEnd();
        thrift.structEnd();
      }
      case TIME -> writeTimeType(thrift, 7, false);
      case TIMESTAMP -> writeTimeType(thrift, 8, ((Types.TimestampType) type).shouldAdjustToUTC());
      default -> {}
    }
    thrift.structEnd();
  }

  /** A {@code LogicalType} of time or timestamp in microseconds. */
  private static void writeTimeType(ThriftCompact thrift, int kind, boolean adjustedToUtc) {
    thrift.structBegin(10);
    thrift.structBegin(kind);
    thrift.bool(1, adjustedToUtc);
    thrift.structBegin(2);
    thrift.structBegin(2); // MICROS
    thrift.structEnd();
    thrift.structEnd();
    thrift.structEnd();
    thrift.structEnd();
  }
}

package io.dataplatform.ingest.source.postgres;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.SourceColumn;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The columns of a {@code COPY … (FORMAT binary)} row decoded into Arrow vectors. Each column is
 * selected as the PostgreSQL type whose binary form its kind is read from ({@link #copyType}): the
 * integer, floating point, boolean, numeric, date, time and timestamp types and bytea as
 * themselves, every other column as {@code text} (UTF-8 in the client encoding). The Arrow types
 * are those of {@code SourceMessage.StagedFormat.ARROW}.
 */
final class BinaryColumns {
  /** Microseconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01. */
  private static final long EPOCH_MICROS = 946_684_800_000_000L;

  /** 10^0 to 10^18, the powers a long holds. */
  private static final long[] POWERS_OF_TEN = new long[19];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

  /** Days from 1970-01-01 to 2000-01-01. */
  private static final int EPOCH_DAYS = 10_957;

  /** Big-endian reads of a COPY message's 16- and 32-bit fields, shared with the row framing. */
  static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

  static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** Reads one non-NULL field of a row into a vector. */
  private interface Decoder {
    void decode(byte[] data, int offset, int length, int row);
  }

  private final List<SourceColumn> columns;
  private final Schema schema;
  private final List<Decoder> decoders = new ArrayList<>();
  private final List<FieldVector> vectors = new ArrayList<>();

  BinaryColumns(List<SourceColumn> columns) {
    this.columns = List.copyOf(columns);
    List<Field> fields = new ArrayList<>();
    for (SourceColumn column : this.columns) {
      fields.add(Field.nullable(column.name(), arrowType(column.type())));
    }
    this.schema = new Schema(fields);
  }

  Schema schema() {
    return schema;
  }

  /** The PostgreSQL type a column is selected as, whose binary form {@link #decode} reads. */
  static String copyType(DataType type) {
    return switch (type.kind()) {
      case BOOLEAN -> "bool";
      case INT -> "int4";
      case LONG -> "int8";
      case FLOAT -> "float4";
      case DOUBLE -> "float8";
      case DECIMAL -> "numeric";
      case DATE -> "date";
      case TIME -> "time";
      case TIMESTAMP -> "timestamp";
      case TIMESTAMPTZ -> "timestamptz";
      case BINARY -> "bytea";
      case STRING, JSON, UUID -> "text";
    };
  }

  private static ArrowType arrowType(DataType type) {
    return switch (type.kind()) {
      case BOOLEAN -> ArrowType.Bool.INSTANCE;
      case INT -> new ArrowType.Int(32, true);
      case LONG -> new ArrowType.Int(64, true);
      case FLOAT -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
      case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case DECIMAL -> new ArrowType.Decimal(type.precision(), type.scale(), 128);
      case DATE -> new ArrowType.Date(DateUnit.DAY);
      case TIME -> new ArrowType.Time(TimeUnit.MICROSECOND, 64);
      case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
      case TIMESTAMPTZ -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
      case BINARY -> ArrowType.Binary.INSTANCE;
      case STRING, JSON, UUID -> ArrowType.Utf8.INSTANCE;
    };
  }

  /** Binds the decoders to the vectors of {@code root}, whose schema is {@link #schema}. */
  void bind(VectorSchemaRoot root) {
    decoders.clear();
    vectors.clear();
    for (int i = 0; i < columns.size(); i++) {
      FieldVector vector = root.getVector(i);
      vectors.add(vector);
      decoders.add(decoder(columns.get(i), vector));
    }
  }

  int size() {
    return columns.size();
  }

  /**
   * Decodes field {@code column} of row {@code row}; a negative length is NULL.
   *
   * @throws DpException when the field's bytes are not the column's binary form
   */
  void decode(int column, byte[] data, int offset, int length, int row) {
    if (length < 0) {
      vectors.get(column).setNull(row);
    } else {
      decoders.get(column).decode(data, offset, length, row);
    }
  }

  private static Decoder decoder(SourceColumn column, FieldVector vector) {
    String name = column.name();
    return switch (column.type().kind()) {
      case BOOLEAN -> {
        BitVector bits = (BitVector) vector;
        yield (data, offset, length, row) -> {
          expect(name, length, 1);
          bits.setSafe(row, data[offset] != 0 ? 1 : 0);
        };
      }
      case INT -> {
        IntVector ints = (IntVector) vector;
        yield (data, offset, length, row) -> {
          expect(name, length, 4);
          ints.setSafe(row, (int) INT.get(data, offset));
        };
      }
      case LONG -> {
        BigIntVector longs = (BigIntVector) vector;
        yield (data, offset, length, row) -> {
          expect(name, length, 8);
          longs.setSafe(row, (long) LONG.get(data, offset));
        };
      }
      case FLOAT -> {
        Float4Vector floats = (Float4Vector) vector;
        yield (data, offset, length, row) -> {
          expect(name, length, 4);
          floats.setSafe(row, Float.intBitsToFloat((int) INT.get(data, offset)));
        };
      }
      case DOUBLE -> {
        Float8Vector doubles = (Float8Vector) vector;
        yield (data, offset, length, row) -> {
          expect(name, length, 8);
          doubles.setSafe(row, Double.longBitsToDouble((long) LONG.get(data, offset)));
        };
      }
      case DECIMAL -> decimalDecoder(name, column.type().scale(), (DecimalVector) vector);
      case DATE -> {
        DateDayVector days = (DateDayVector) vector;
        yield (data, offset, length, row) -> {
          expect(name, length, 4);
          days.setSafe(row, days((int) INT.get(data, offset)));
        };
      }
      case TIME -> {
        TimeMicroVector times = (TimeMicroVector) vector;
        yield (data, offset, length, row) -> {
          expect(name, length, 8);
          times.setSafe(row, (long) LONG.get(data, offset));
        };
      }
      case TIMESTAMP -> {
        TimeStampMicroVector timestamps = (TimeStampMicroVector) vector;
        yield (data, offset, length, row) -> {
          expect(name, length, 8);
          timestamps.setSafe(row, micros((long) LONG.get(data, offset)));
        };
      }
      case TIMESTAMPTZ -> {
        TimeStampMicroTZVector timestamps = (TimeStampMicroTZVector) vector;
        yield (data, offset, length, row) -> {
          expect(name, length, 8);
          timestamps.setSafe(row, micros((long) LONG.get(data, offset)));
        };
      }
      case BINARY -> {
        VarBinaryVector bytes = (VarBinaryVector) vector;
        yield (data, offset, length, row) -> bytes.setSafe(row, data, offset, length);
      }
      case STRING, JSON, UUID -> {
        VarCharVector text = (VarCharVector) vector;
        yield (data, offset, length, row) -> text.setSafe(row, data, offset, length);
      }
    };
  }

  /**
   * PostgreSQL's day number to Arrow's; its infinities become DuckDB's ({@code
   * ±Integer.MAX_VALUE}), as when the text {@code infinity} is cast.
   */
  static int days(int postgres) {
    if (postgres == Integer.MAX_VALUE) {
      return Integer.MAX_VALUE;
    }
    if (postgres == Integer.MIN_VALUE) {
      return -Integer.MAX_VALUE;
    }
    return postgres + EPOCH_DAYS;
  }

  /** PostgreSQL's microseconds to Arrow's, infinities to DuckDB's ({@code ±Long.MAX_VALUE}). */
  static long micros(long postgres) {
    if (postgres == Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    if (postgres == Long.MIN_VALUE) {
      return -Long.MAX_VALUE;
    }
    return postgres + EPOCH_MICROS;
  }

  private static Decoder decimalDecoder(String name, int scale, DecimalVector decimals) {
    return (data, offset, length, row) -> {
      Object value = unscaled(name, scale, data, offset, length);
      if (value instanceof Long unscaled) {
        decimals.setSafe(row, unscaled);
      } else {
        decimals.setSafe(row, new BigDecimal((BigInteger) value, scale));
      }
    };
  }

  /**
   * The value of a binary {@code numeric} times {@code 10^scale}: a {@link Long} when it fits, else
   * a {@link BigInteger}. The binary form is the digit count, the weight (the power of 10,000 of
   * the first digit), the sign, the display scale, then the base-10,000 digits, all 16-bit.
   *
   * @throws DpException for NaN and the infinities, which a decimal column cannot hold, and for a
   *     value with more fractional digits than {@code scale}
   */
  static Object unscaled(String column, int scale, byte[] data, int offset, int length) {
    if (length < 8) {
      throw malformed(column, "numeric", length);
    }
    int digits = (short) SHORT.get(data, offset);
    int weight = (short) SHORT.get(data, offset + 2);
    int sign = ((short) SHORT.get(data, offset + 4)) & 0xFFFF;
    if (length != 8 + 2 * digits || digits < 0) {
      throw malformed(column, "numeric", length);
    }
    if (sign != 0x0000 && sign != 0x4000) {
      throw new DpException(
          StandardErrorCode.INVALID_ARGUMENT,
          "Cannot load column "
              + column
              + ": a decimal column cannot hold NaN or infinity; select it as text or filter"
              + " those rows out");
    }
    long small = 0;
    BigInteger big = null;
    for (int i = 0; i < digits; i++) {
      int digit = (short) SHORT.get(data, offset + 8 + 2 * i);
      int power = 4 * (weight - i) + scale;
      if (power < 0) {
        int divisor = power <= -4 ? 10_000 : (int) POWERS_OF_TEN[-power];
        if (digit % divisor != 0) {
          throw new DpException(
              StandardErrorCode.INVALID_ARGUMENT,
              "Cannot load column "
                  + column
                  + ": a value has more than "
                  + scale
                  + " fractional digits");
        }
        digit /= divisor;
        power = 0;
      }
      if (big == null && power < POWERS_OF_TEN.length) {
        try {
          small = Math.addExact(small, Math.multiplyExact(digit, POWERS_OF_TEN[power]));
          continue;
        } catch (ArithmeticException e) {
          // past a long: go on exactly
        }
      }
      if (big == null) {
        big = BigInteger.valueOf(small);
      }
      big = big.add(BigInteger.valueOf(digit).multiply(BigInteger.TEN.pow(power)));
    }
    boolean negative = sign == 0x4000;
    if (big == null) {
      return negative ? -small : small;
    }
    return negative ? big.negate() : big;
  }

  private static void expect(String column, int length, int expected) {
    if (length != expected) {
      throw malformed(column, expected + " bytes", length);
    }
  }

  private static DpException malformed(String column, String expected, int length) {
    return new DpException(
        StandardErrorCode.EXTERNAL_FAILURE,
        "Cannot read column "
            + column
            + " from PostgreSQL's binary COPY: a field of "
            + length
            + " bytes is not "
            + expected);
  }
}

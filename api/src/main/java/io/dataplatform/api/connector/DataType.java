package io.dataplatform.api.connector;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * The type of a source column, in the platform's terms; each maps to one Iceberg type. Values in
 * records use the Java class given for each kind.
 *
 * @param precision for {@link Kind#DECIMAL}, 1 to 38; 0 otherwise
 * @param scale for {@link Kind#DECIMAL}, 0 to precision; 0 otherwise
 */
public record DataType(Kind kind, int precision, int scale) {
  /** The kinds of values, with the Java class of their values in records. */
  public enum Kind {
    /** {@link Boolean}. */
    BOOLEAN,
    /** {@link Integer}. */
    INT,
    /** {@link Long}. */
    LONG,
    /** {@link Float}. */
    FLOAT,
    /** {@link Double}. */
    DOUBLE,
    /** {@link java.math.BigDecimal}. */
    DECIMAL,
    /** {@link String}. */
    STRING,
    /** {@code byte[]}. */
    BINARY,
    /** {@link java.time.LocalDate}. */
    DATE,
    /** {@link java.time.LocalTime}. */
    TIME,
    /** {@link java.time.LocalDateTime}: a wall-clock time without zone. */
    TIMESTAMP,
    /** {@link java.time.OffsetDateTime} or {@link java.time.Instant}: an instant. */
    TIMESTAMPTZ,
    /** {@link java.util.UUID}. */
    UUID,
    /** {@link String} holding a JSON document; stored as a string. */
    JSON
  }

  public static final DataType BOOLEAN = new DataType(Kind.BOOLEAN, 0, 0);
  public static final DataType INT = new DataType(Kind.INT, 0, 0);
  public static final DataType LONG = new DataType(Kind.LONG, 0, 0);
  public static final DataType FLOAT = new DataType(Kind.FLOAT, 0, 0);
  public static final DataType DOUBLE = new DataType(Kind.DOUBLE, 0, 0);
  public static final DataType STRING = new DataType(Kind.STRING, 0, 0);
  public static final DataType BINARY = new DataType(Kind.BINARY, 0, 0);
  public static final DataType DATE = new DataType(Kind.DATE, 0, 0);
  public static final DataType TIME = new DataType(Kind.TIME, 0, 0);
  public static final DataType TIMESTAMP = new DataType(Kind.TIMESTAMP, 0, 0);
  public static final DataType TIMESTAMPTZ = new DataType(Kind.TIMESTAMPTZ, 0, 0);
  public static final DataType UUID = new DataType(Kind.UUID, 0, 0);
  public static final DataType JSON = new DataType(Kind.JSON, 0, 0);

  public DataType {
    requireNonNull(kind, "kind");
    if (kind == Kind.DECIMAL) {
      if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
        throw new IllegalArgumentException(
            "Cannot create decimal type: precision must be 1 to 38 and scale 0 to precision"
                + " (precision "
                + precision
                + ", scale "
                + scale
                + ")");
      }
    } else if (precision != 0 || scale != 0) {
      throw new IllegalArgumentException(
          "Cannot create " + kind + " type: only decimals have a precision and scale");
    }
  }

  public static DataType decimal(int precision, int scale) {
    return new DataType(Kind.DECIMAL, precision, scale);
  }

  @Override
  public String toString() {
    return kind == Kind.DECIMAL
        ? "decimal(" + precision + ", " + scale + ")"
        : kind.name().toLowerCase(Locale.ROOT);
  }
}

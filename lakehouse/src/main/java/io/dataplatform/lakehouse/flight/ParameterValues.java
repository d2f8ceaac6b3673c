package io.dataplatform.lakehouse.flight;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.util.Text;

/**
 * Reads parameter values that a client bound as Arrow batches into the Java values {@link
 * io.dataplatform.lakehouse.sql.SqlService#execute} takes: String, Boolean, Number, BigDecimal,
 * byte[], LocalDate, LocalTime, LocalDateTime, OffsetDateTime (UTC) and List.
 */
final class ParameterValues {
  private ParameterValues() {}

  /** Every row of every batch in the stream, one list of values per row. */
  static List<List<Object>> readAll(FlightStream stream) {
    List<List<Object>> rows = new ArrayList<>();
    while (stream.next()) {
      VectorSchemaRoot root = stream.getRoot();
      for (int row = 0; row < root.getRowCount(); row++) {
        List<Object> values = new ArrayList<>();
        for (FieldVector vector : root.getFieldVectors()) {
          values.add(value(vector, row));
        }
        rows.add(values);
      }
    }
    return rows;
  }

  static Object value(FieldVector vector, int index) {
    if (vector.isNull(index)) {
      return null;
    }
    ArrowType type = vector.getField().getType();
    switch (type.getTypeID()) {
      case Date:
        if (vector instanceof DateDayVector days) {
          return LocalDate.ofEpochDay(days.get(index));
        }
        return ((DateMilliVector) vector).getObject(index).toLocalDate();
      case Time:
        return time(vector, index);
      case Timestamp:
        return timestamp((TimeStampVector) vector, (ArrowType.Timestamp) type, index);
      default:
        return plain(vector.getObject(index));
    }
  }

  private static Object plain(Object value) {
    if (value instanceof Text text) {
      return text.toString();
    }
    if (value instanceof Character character) {
      return (int) character;
    }
    if (value instanceof BigInteger integer) {
      return new BigDecimal(integer);
    }
    if (value instanceof List<?> list) {
      List<Object> converted = new ArrayList<>(list.size());
      for (Object element : list) {
        converted.add(element == null ? null : plain(element));
      }
      return converted;
    }
    return value;
  }

  private static LocalTime time(FieldVector vector, int index) {
    long nanos;
    if (vector instanceof TimeSecVector seconds) {
      nanos = seconds.get(index) * 1_000_000_000L;
    } else if (vector instanceof TimeMilliVector millis) {
      nanos = millis.get(index) * 1_000_000L;
    } else if (vector instanceof TimeMicroVector micros) {
      nanos = micros.get(index) * 1_000L;
    } else {
      nanos = ((TimeNanoVector) vector).get(index);
    }
    return LocalTime.ofNanoOfDay(nanos);
  }

  private static Object timestamp(TimeStampVector vector, ArrowType.Timestamp type, int index) {
    long value = vector.get(index);
    Instant instant = instant(value, type.getUnit());
    if (type.getTimezone() == null) {
      return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Instant instant(long value, TimeUnit unit) {
    return switch (unit) {
      case SECOND -> Instant.ofEpochSecond(value);
      case MILLISECOND -> Instant.ofEpochMilli(value);
      case MICROSECOND ->
          Instant.ofEpochSecond(
              Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
      case NANOSECOND ->
          Instant.ofEpochSecond(
              Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
    };
  }
}

package io.dataplatform.ingest.cdc;

import io.debezium.connector.postgresql.UnchangedToastedReplicationMessageColumn;
import io.debezium.data.Json;
import io.debezium.spi.converter.CustomConverter;
import io.debezium.spi.converter.RelationalColumn;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.postgresql.util.PGobject;

/**
 * Hands Debezium's PostgreSQL reader the values of columns a full refresh reads as text, as that
 * text: arrays as {@code array_to_json} writes them, {@code timetz} at UTC, {@code money} as its
 * amount, {@code bit} strings, geometric values, network addresses and every type Debezium has no
 * mapping for as PostgreSQL's text output. Without it Debezium turns them into its own encodings
 * (days since 1970 in a date array, the bits' bytes, a structure for a point) or drops them (a
 * numeric array holding {@code NaN}, an interval array, a two-dimensional array), and a row of the
 * change log would differ from the same row read by the initial snapshot.
 *
 * <p>The types Debezium maps the way the platform reads them are left to it: numbers, booleans,
 * dates and times, UUIDs, JSON, {@code bytea}, character types and intervals.
 */
public final class PostgresTextConverter
    implements CustomConverter<SchemaBuilder, RelationalColumn> {
  /** Types left to Debezium's own conversion (see {@link ConnectValues}). */
  private static final Set<String> DEBEZIUM_TYPES =
      Set.of(
          "int2",
          "int4",
          "int8",
          "smallserial",
          "serial",
          "bigserial",
          "serial2",
          "serial4",
          "serial8",
          "oid",
          "numeric",
          "decimal",
          "float4",
          "float8",
          "bool",
          "date",
          "time",
          "timestamp",
          "timestamptz",
          "uuid",
          "json",
          "jsonb",
          "bytea",
          "text",
          "varchar",
          "bpchar",
          "char",
          "name",
          "citext",
          "interval");

  @Override
  public void configure(Properties properties) {
    // nothing to configure
  }

  @Override
  public void converterFor(
      RelationalColumn column, ConverterRegistration<SchemaBuilder> registration) {
    String type = column.typeName().toLowerCase(Locale.ROOT);
    if (type.startsWith("_")) {
      String elementType = type.substring(1);
      registration.register(
          SchemaBuilder.string().name(Json.LOGICAL_NAME).optional(),
          value -> arrayJson(elementType, value));
    } else if (!DEBEZIUM_TYPES.contains(type)) {
      registration.register(SchemaBuilder.string().optional(), value -> text(type, value));
    }
  }

  /** The JSON text of an array: the change log's {@code PgArray}, whose text is its output. */
  static String arrayJson(String elementType, Object value) {
    if (value == null || isUnchangedLargeValue(value)) {
      return value == null ? null : DebeziumProperties.UNAVAILABLE;
    }
    if (!(value instanceof java.sql.Array) && !(value instanceof String)) {
      throw new IllegalArgumentException(
          "an array of " + elementType + " came as " + value.getClass().getName());
    }
    return PostgresArrayJson.of(value.toString(), elementType);
  }

  /** The text output of a value of type {@code type}, from what Debezium's reader made of it. */
  static String text(String type, Object value) {
    if (value == null || isUnchangedLargeValue(value)) {
      return value == null ? null : DebeziumProperties.UNAVAILABLE;
    }
    if (type.equals("timetz")) {
      return PostgresText.timeWithZoneAtUtc(value);
    }
    if (type.equals("money") && value instanceof Number amount) {
      return PostgresText.money(amount);
    }
    if (value instanceof String text) {
      return text;
    }
    String geometric = PostgresText.geometric(value);
    if (geometric != null) {
      return geometric;
    }
    if (value instanceof PGobject object) {
      return object.getValue();
    }
    if (value instanceof byte[] bytes) {
      // a type Debezium does not know, handed over as the bytes of its text
      return new String(bytes, StandardCharsets.UTF_8);
    }
    if (value instanceof SQLXML xml) {
      try {
        return xml.getString();
      } catch (SQLException e) {
        throw new IllegalStateException("cannot read an xml value: " + e.getMessage(), e);
      }
    }
    if (value instanceof Boolean bit) {
      // bit(1), which the initial snapshot's driver reads as a boolean
      return bit ? "1" : "0";
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    return value.toString();
  }

  private static boolean isUnchangedLargeValue(Object value) {
    return value == UnchangedToastedReplicationMessageColumn.UNCHANGED_TOAST_VALUE
        || value == UnchangedToastedReplicationMessageColumn.UNCHANGED_TEXT_ARRAY_TOAST_VALUE
        || value == UnchangedToastedReplicationMessageColumn.UNCHANGED_INT_ARRAY_TOAST_VALUE
        || value == UnchangedToastedReplicationMessageColumn.UNCHANGED_BIGINT_ARRAY_TOAST_VALUE
        || value == UnchangedToastedReplicationMessageColumn.UNCHANGED_HSTORE_TOAST_VALUE;
  }
}

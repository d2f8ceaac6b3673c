package io.dataplatform.lakehouse.load;

import static io.dataplatform.lakehouse.catalog.TypeMapping.duckdbType;
import static io.dataplatform.lakehouse.catalog.TypeMapping.literal;
import static io.dataplatform.lakehouse.catalog.TypeMapping.quote;

import io.dataplatform.api.connector.ChangeOperation;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceMessage.StagedFormat;
import io.dataplatform.api.connector.SourceRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The rows staged for one table between commits, in a DuckDB table on disk. Besides the table's
 * columns it keeps {@code __dp_seq} (arrival order, for "latest row wins") and {@code __dp_delete}.
 */
final class StagingTable {
  static final String SEQUENCE = "__dp_seq";
  static final String DELETE = "__dp_delete";
  private static final DateTimeFormatter INSTANT_TEXT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);

  private final DuckDBConnection duck;
  private final String name;

  /** Column names in the staging table's physical order, with the two bookkeeping columns. */
  private final List<String> physical = new ArrayList<>();

  /** Data columns by lower-case name: their spelling and type. */
  private final Map<String, Types.NestedField> columns = new LinkedHashMap<>();

  private long sequence;
  private long rows;

  StagingTable(DuckDBConnection duck, String name, List<Types.NestedField> fields)
      throws SQLException {
    this.duck = duck;
    this.name = name;
    List<String> definitions = new ArrayList<>();
    for (Types.NestedField field : fields) {
      columns.put(key(field.name()), field);
      physical.add(field.name());
      definitions.add(quote(field.name()) + " " + duckdbType(field.type()));
    }
    physical.add(SEQUENCE);
    physical.add(DELETE);
    definitions.add(SEQUENCE + " BIGINT");
    definitions.add(DELETE + " BOOLEAN");
    execute("CREATE TABLE " + name + " (" + String.join(", ", definitions) + ")");
  }

  String name() {
    return name;
  }

  long rows() {
    return rows;
  }

  boolean hasColumn(String column) {
    return columns.containsKey(key(column));
  }

  void addColumn(Types.NestedField field) throws SQLException {
    execute(
        "ALTER TABLE "
            + name
            + " ADD COLUMN "
            + quote(field.name())
            + " "
            + duckdbType(field.type()));
    columns.put(key(field.name()), field);
    physical.add(field.name());
  }

  void changeType(String column, Type type) throws SQLException {
    Types.NestedField field = columns.get(key(column));
    execute(
        "ALTER TABLE "
            + name
            + " ALTER COLUMN "
            + quote(field.name())
            + " TYPE "
            + duckdbType(type));
    columns.put(key(column), Types.NestedField.optional(field.fieldId(), field.name(), type));
  }

  /** Appends records whose values follow {@code batchColumns}, plus the constant columns. */
  void append(
      List<SourceColumn> batchColumns, List<SourceRecord> records, List<ConstantColumn> constants)
      throws SQLException {
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < batchColumns.size(); i++) {
      positions.put(key(batchColumns.get(i).name()), i);
    }
    Map<String, Object> constantValues = new HashMap<>();
    constants.forEach(
        constant -> constantValues.put(key(constant.column().name()), constant.value()));
    try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, name)) {
      for (SourceRecord record : records) {
        appender.beginRow();
        for (String column : physical) {
          if (column.equals(SEQUENCE)) {
            appender.append(sequence++);
          } else if (column.equals(DELETE)) {
            appender.append(record.operation() == ChangeOperation.DELETE);
          } else {
            String key = key(column);
            Integer position = positions.get(key);
            Object value = position != null ? record.values()[position] : constantValues.get(key);
            appendValue(appender, columns.get(key), value);
          }
        }
        appender.endRow();
        rows++;
      }
    }
  }

  /** Appends the rows of a staged file whose columns are {@code fileColumns}, in order. */
  void appendFile(
      Path file,
      StagedFormat format,
      List<SourceColumn> fileColumns,
      List<ConstantColumn> constants)
      throws SQLException {
    StagedFileQuery query =
        StagedFileQuery.of(file, format, fileColumns, constants, name -> columns.get(key(name)));
    List<String> targets = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (String column : physical) {
      String expression =
          column.equals(SEQUENCE)
              ? sequence + " + row_number() OVER () - 1"
              : column.equals(DELETE) ? "false" : query.expression(column).orElse(null);
      if (expression != null) {
        targets.add(quote(column));
        values.add(expression);
      }
    }
    String sql =
        "INSERT INTO "
            + name
            + " ("
            + String.join(", ", targets)
            + ") SELECT "
            + String.join(", ", values)
            + " FROM "
            + query.reader();
    long inserted;
    try (StagedFileQuery.OpenFile open = query.open(duck);
        PreparedStatement statement = duck.prepareStatement(sql)) {
      inserted = statement.executeUpdate();
    }
    sequence += inserted;
    rows += inserted;
  }

  /** Forgets every staged row. */
  void clear() throws SQLException {
    execute("DELETE FROM " + name);
    rows = 0;
    try {
      execute("CHECKPOINT");
    } catch (SQLException e) {
      // another table's commit runs on the session's commit thread; the space of the deleted rows
      // is reclaimed at a later checkpoint
    }
  }

  void drop() throws SQLException {
    execute("DROP TABLE IF EXISTS " + name);
  }

  /** Drops the table through another connection to the same database (a background commit's). */
  void drop(DuckDBConnection connection) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("DROP TABLE IF EXISTS " + name)) {
      statement.execute();
    }
  }

  private void execute(String sql) throws SQLException {
    try (PreparedStatement statement = duck.prepareStatement(sql)) {
      statement.execute();
    }
  }

  private static String key(String column) {
    return column.toLowerCase(Locale.ROOT);
  }

  static String constantLiteral(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof Boolean || value instanceof Number) {
      return value.toString();
    }
    Object normalized = value;
    if (value instanceof OffsetDateTime
        || value instanceof Instant
        || value instanceof ZonedDateTime) {
      normalized = INSTANT_TEXT.format(utc(value)) + "+00";
    }
    return literal(normalized.toString());
  }

  private static LocalDateTime utc(Object value) {
    Instant instant =
        value instanceof Instant i
            ? i
            : value instanceof OffsetDateTime o
                ? o.toInstant()
                : ((ZonedDateTime) value).toInstant();
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static void appendValue(DuckDBAppender appender, Types.NestedField field, Object value)
      throws SQLException {
    if (value == null || field == null) {
      appender.appendNull();
      return;
    }
    Type type = field.type();
    switch (type.typeId()) {
      case BOOLEAN -> appender.append((Boolean) value);
      case INTEGER -> appender.append(((Number) value).intValue());
      case LONG -> appender.append(((Number) value).longValue());
      case FLOAT -> appender.append(((Number) value).floatValue());
      case DOUBLE -> appender.append(((Number) value).doubleValue());
      case DECIMAL ->
          appender.append(
              ((BigDecimal) value)
                  .setScale(((Types.DecimalType) type).scale(), RoundingMode.UNNECESSARY));
      case STRING -> appender.append(value.toString());
      case BINARY -> appender.append((byte[]) value);
      case DATE -> appender.append((LocalDate) value);
      case TIME -> appender.append((LocalTime) value);
      case TIMESTAMP -> {
        if (((Types.TimestampType) type).shouldAdjustToUTC()) {
          appender.append(utc(value).atOffset(ZoneOffset.UTC));
        } else {
          appender.append((LocalDateTime) value);
        }
      }
      case UUID ->
          appender.append(value instanceof UUID uuid ? uuid : UUID.fromString(value.toString()));
      default -> appender.append(value.toString());
    }
  }
}

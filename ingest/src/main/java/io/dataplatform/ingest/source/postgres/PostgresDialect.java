package io.dataplatform.ingest.source.postgres;

import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.ingest.source.jdbc.ColumnMetadata;
import io.dataplatform.ingest.source.jdbc.JdbcColumn;
import io.dataplatform.ingest.source.jdbc.JdbcDialect;
import io.dataplatform.ingest.source.jdbc.JdbcTypes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Locale;
import java.util.Set;

/**
 * PostgreSQL types by their names (the driver reports {@code timestamptz} as a plain timestamp and
 * enums as varchar), with the expressions that select them: arrays as JSON text, and every type the
 * platform has no kind for (enums, intervals, network addresses, …) as its text form. Documented in
 * {@code docs/ingestion-types.md}.
 */
final class PostgresDialect implements JdbcDialect {
  private static final Set<String> CHARACTER =
      Set.of("text", "varchar", "bpchar", "char", "name", "citext");

  /** Character types whose binary COPY form is their text in the client encoding. */
  private static final Set<String> TEXT_BINARY =
      Set.of("text", "varchar", "bpchar", "name", "citext");

  @Override
  public boolean isSystemNamespace(String namespace) {
    String lower = namespace.toLowerCase(Locale.ROOT);
    return lower.equals("pg_catalog")
        || lower.equals("information_schema")
        || lower.startsWith("pg_toast")
        || lower.startsWith("pg_temp_");
  }

  @Override
  public JdbcColumn column(ColumnMetadata metadata) {
    String name = metadata.typeName().toLowerCase(Locale.ROOT);
    DataType type = type(metadata, name);
    boolean orderable =
        type.kind() == DataType.Kind.STRING
            ? CHARACTER.contains(name)
            : JdbcTypes.orderable(metadata.jdbcType(), type);
    SourceColumn column =
        new SourceColumn(
            metadata.name(),
            type,
            metadata.nullable()
                ? SourceColumn.Nullability.NULLABLE
                : SourceColumn.Nullability.NOT_NULL,
            JdbcDialect.sourceType(metadata));
    return new JdbcColumn(column, metadata.jdbcType(), orderable);
  }

  private static DataType type(ColumnMetadata metadata, String name) {
    return switch (name) {
      case "int2", "smallserial", "int4", "serial" -> DataType.INT;
      case "int8", "bigserial", "oid" -> DataType.LONG;
      case "numeric", "decimal" ->
          metadata.size() > 0
              ? JdbcTypes.decimal(metadata.size(), metadata.digits())
              : DataType.STRING;
      case "float4" -> DataType.FLOAT;
      case "float8" -> DataType.DOUBLE;
      case "bool" -> DataType.BOOLEAN;
      case "date" -> DataType.DATE;
      case "time" -> DataType.TIME;
      case "timestamp" -> DataType.TIMESTAMP;
      case "timestamptz" -> DataType.TIMESTAMPTZ;
      case "uuid" -> DataType.UUID;
      case "json", "jsonb" -> DataType.JSON;
      case "bytea" -> DataType.BINARY;
      default -> metadata.jdbcType() == Types.ARRAY ? DataType.JSON : DataType.STRING;
    };
  }

  @Override
  public String selectExpression(JdbcColumn column, String quotedName) {
    if (column.jdbcType() == Types.ARRAY) {
      return "array_to_json(" + quotedName + ")::text AS " + quotedName;
    }
    String name = column.column().sourceType().toLowerCase(Locale.ROOT);
    if (column.column().type().kind() == DataType.Kind.STRING
        && !CHARACTER.contains(name)
        && !name.startsWith("numeric")) {
      return text(name, quotedName) + " AS " + quotedName;
    }
    return quotedName;
  }

  /**
   * A column the platform keeps as text, as text: its output, except {@code timetz} at UTC and
   * {@code money} as its amount ({@code $12.34} depends on the server's locale), the forms the
   * change log can give too. {@code inet} is formatted by its output function ({@code
   * 192.168.0.1}), which its cast to text is not ({@code 192.168.0.1/32}).
   */
  private static String text(String typeName, String quotedName) {
    return switch (typeName) {
      case "timetz" -> "(" + quotedName + " AT TIME ZONE 'UTC')::text";
      case "money" -> quotedName + "::numeric::text";
      // format gives NULL as an empty text, which no inet is
      case "inet" -> "nullif(format('%s', " + quotedName + "), '')";
      default -> quotedName + "::text";
    };
  }

  /**
   * The expression {@code COPY … (FORMAT binary)} exports a column with: the column as the type
   * whose binary form {@link BinaryColumns} reads for its kind, arrays as JSON text.
   */
  String binaryCopyExpression(JdbcColumn column, String quotedName) {
    String name = column.column().sourceType().toLowerCase(Locale.ROOT);
    if (TEXT_BINARY.contains(name)) {
      // their binary form is their text, padding of char(n) included, which a cast would drop
      return quotedName;
    }
    if (column.jdbcType() == Types.ARRAY) {
      return "array_to_json(" + quotedName + ")::text AS " + quotedName;
    }
    DataType type = column.column().type();
    if (type.kind() == DataType.Kind.STRING && !CHARACTER.contains(name)) {
      return text(name, quotedName) + " AS " + quotedName;
    }
    return quotedName + "::" + BinaryColumns.copyType(type) + " AS " + quotedName;
  }

  @Override
  public void prepareForStreaming(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET TIME ZONE 'UTC'");
      statement.execute("SET DateStyle = 'ISO, YMD'");
      statement.execute("SET extra_float_digits = 3");
    }
  }
}

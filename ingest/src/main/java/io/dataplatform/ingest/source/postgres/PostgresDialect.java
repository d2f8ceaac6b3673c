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
      return quotedName + "::text AS " + quotedName;
    }
    return quotedName;
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
    String value =
        column.jdbcType() == Types.ARRAY ? "array_to_json(" + quotedName + ")" : quotedName;
    return value + "::" + BinaryColumns.copyType(column.column().type()) + " AS " + quotedName;
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

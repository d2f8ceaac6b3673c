package io.dataplatform.ingest.source.mariadb;

import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.ingest.source.jdbc.ColumnMetadata;
import io.dataplatform.ingest.source.jdbc.JdbcColumn;
import io.dataplatform.ingest.source.jdbc.JdbcDialect;
import io.dataplatform.ingest.source.jdbc.JdbcTypes;
import java.util.Locale;
import java.util.Set;

/**
 * MariaDB types by the names its driver reports ({@code INT UNSIGNED}, {@code YEAR}, {@code
 * TIMESTAMP}); databases are the namespaces. Documented in {@code docs/ingestion-types.md}.
 */
final class MariaDbDialect implements JdbcDialect {
  private static final Set<String> CHARACTER =
      Set.of("CHAR", "VARCHAR", "TINYTEXT", "TEXT", "MEDIUMTEXT", "LONGTEXT");

  /** Spatial types, read as their well-known binary form (the change log's form too). */
  private static final Set<String> SPATIAL =
      Set.of(
          "GEOMETRY",
          "POINT",
          "LINESTRING",
          "POLYGON",
          "MULTIPOINT",
          "MULTILINESTRING",
          "MULTIPOLYGON",
          "GEOMETRYCOLLECTION");

  @Override
  public boolean namespacesAreCatalogs() {
    return true;
  }

  @Override
  public JdbcColumn column(ColumnMetadata metadata) {
    String name = metadata.typeName().toUpperCase(Locale.ROOT);
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
            sourceType(metadata, name));
    return new JdbcColumn(column, metadata.jdbcType(), orderable);
  }

  private static DataType type(ColumnMetadata metadata, String name) {
    return switch (name) {
      case "BOOLEAN" -> DataType.BOOLEAN;
      case "BIT" -> metadata.size() <= 1 ? DataType.BOOLEAN : DataType.BINARY;
      case "TINYINT",
          "TINYINT UNSIGNED",
          "SMALLINT",
          "SMALLINT UNSIGNED",
          "MEDIUMINT",
          "MEDIUMINT UNSIGNED",
          "INT",
          "INTEGER",
          "YEAR" ->
          DataType.INT;
      case "INT UNSIGNED", "INTEGER UNSIGNED", "BIGINT" -> DataType.LONG;
      case "BIGINT UNSIGNED" -> DataType.decimal(20, 0);
      case "DECIMAL", "DECIMAL UNSIGNED", "NUMERIC" ->
          JdbcTypes.decimal(metadata.size(), metadata.digits());
      case "FLOAT", "FLOAT UNSIGNED" -> DataType.FLOAT;
      case "DOUBLE", "DOUBLE UNSIGNED", "REAL" -> DataType.DOUBLE;
      case "BINARY", "VARBINARY", "TINYBLOB", "BLOB", "MEDIUMBLOB", "LONGBLOB" -> DataType.BINARY;
      case "DATE" -> DataType.DATE;
      case "TIME" -> DataType.TIME;
      case "DATETIME" -> DataType.TIMESTAMP;
      case "TIMESTAMP" -> DataType.TIMESTAMPTZ;
      case "UUID" -> DataType.UUID;
      default -> SPATIAL.contains(name) ? DataType.BINARY : DataType.STRING;
    };
  }

  /** The change reader's grammar does not know {@code INET4} and {@code INET6}. */
  @Override
  public boolean capturable(SourceColumn column) {
    String name = column.sourceType().toUpperCase(Locale.ROOT);
    return !name.equals("INET4") && !name.equals("INET6");
  }

  @Override
  public String selectExpression(JdbcColumn column, String quotedName) {
    if (SPATIAL.contains(column.column().sourceType().toUpperCase(Locale.ROOT))) {
      // the stored form starts with the SRID; ST_AsWKB gives the standard form
      return "ST_AsWKB(" + quotedName + ") AS " + quotedName;
    }
    return quotedName;
  }

  private static String sourceType(ColumnMetadata metadata, String name) {
    return switch (name) {
      case "DECIMAL", "DECIMAL UNSIGNED", "NUMERIC" ->
          metadata.typeName() + "(" + metadata.size() + "," + metadata.digits() + ")";
      case "CHAR", "VARCHAR", "BINARY", "VARBINARY", "BIT" ->
          metadata.typeName() + "(" + metadata.size() + ")";
      default -> metadata.typeName();
    };
  }
}

package io.dataplatform.ingest.source.jdbc;

import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.SourceColumn;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/**
 * What differs between databases read over JDBC. The defaults describe any driver through {@link
 * java.sql.DatabaseMetaData} and {@link JdbcTypes}.
 */
public interface JdbcDialect {
  /** The dialect of drivers the platform knows nothing special about. */
  JdbcDialect GENERIC = new JdbcDialect() {};

  /** Namespaces of system tables, never offered as streams unless asked for by name. */
  Set<String> SYSTEM_NAMESPACES =
      Set.of("information_schema", "pg_catalog", "sys", "mysql", "performance_schema");

  /** Whether tables are grouped in catalogs (MariaDB databases) rather than schemas. */
  default boolean namespacesAreCatalogs() {
    return false;
  }

  /** Whether a namespace holds the database's own tables. */
  default boolean isSystemNamespace(String namespace) {
    return SYSTEM_NAMESPACES.contains(namespace.toLowerCase(Locale.ROOT));
  }

  /** The platform's view of a column. */
  default JdbcColumn column(ColumnMetadata metadata) {
    DataType type =
        JdbcTypes.map(metadata.jdbcType(), metadata.typeName(), metadata.size(), metadata.digits());
    SourceColumn column =
        new SourceColumn(
            metadata.name(),
            type,
            metadata.nullable()
                ? SourceColumn.Nullability.NULLABLE
                : SourceColumn.Nullability.NOT_NULL,
            sourceType(metadata));
    return new JdbcColumn(
        column, metadata.jdbcType(), JdbcTypes.orderable(metadata.jdbcType(), type));
  }

  /** The SQL expression that selects a column, given its quoted name. */
  /** Whether the change reader can read the column, so that its table may offer CDC. */
  default boolean capturable(SourceColumn column) {
    return true;
  }

  default String selectExpression(JdbcColumn column, String quotedName) {
    return quotedName;
  }

  /** Prepares a connection for a long streaming read (cursor-based fetching, read only). */
  default void prepareForStreaming(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
  }

  /** The JDBC fetch size for reads that hand out batches of {@code batchRows}. */
  default int fetchSize(int batchRows) {
    return Math.max(100, Math.min(batchRows, 10_000));
  }

  /** The type as shown to the user: the name with its size for sized types. */
  static String sourceType(ColumnMetadata metadata) {
    String name = metadata.typeName();
    String lower = name.toLowerCase(Locale.ROOT);
    if ((lower.equals("numeric") || lower.equals("decimal")) && metadata.size() > 0) {
      return name + "(" + metadata.size() + "," + metadata.digits() + ")";
    }
    return name;
  }
}

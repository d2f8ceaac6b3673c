package io.dataplatform.ingest.source.jdbc;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Lists and describes the tables of a source through {@link DatabaseMetaData}. */
public final class JdbcDiscovery {
  private static final Set<String> TABLE_TYPES =
      Set.of(
          "TABLE",
          "BASE TABLE",
          "VIEW",
          "PARTITIONED TABLE",
          "MATERIALIZED VIEW",
          "FOREIGN TABLE",
          "SYSTEM VERSIONED TABLE");

  private final JdbcEndpoint endpoint;
  private final JdbcDialect dialect;
  private final List<String> namespaces;

  /**
   * @param namespaces the schemas (or catalogs) to offer; empty: every one but the system's
   */
  public JdbcDiscovery(JdbcEndpoint endpoint, JdbcDialect dialect, List<String> namespaces) {
    this.endpoint = requireNonNull(endpoint, "endpoint");
    this.dialect = requireNonNull(dialect, "dialect");
    this.namespaces = List.copyOf(namespaces);
  }

  /** Every table and view of the chosen namespaces, sorted by stream name. */
  public List<TableRef> tables(Connection connection) {
    try {
      DatabaseMetaData metadata = connection.getMetaData();
      TreeMap<String, TableRef> tables = new TreeMap<>();
      for (String namespace : namespaces(metadata)) {
        try (ResultSet rows = tablesIn(metadata, namespace)) {
          while (rows.next()) {
            String type = String.valueOf(rows.getString("TABLE_TYPE")).toUpperCase(Locale.ROOT);
            if (TABLE_TYPES.contains(type)) {
              TableRef ref =
                  new TableRef(
                      Optional.ofNullable(rows.getString("TABLE_CAT")),
                      dialect.namespacesAreCatalogs()
                          ? Optional.empty()
                          : Optional.ofNullable(rows.getString("TABLE_SCHEM")),
                      rows.getString("TABLE_NAME"));
              tables.put(ref.streamName(), ref);
            }
          }
        }
      }
      return List.copyOf(tables.values());
    } catch (SQLException e) {
      throw JdbcErrors.read(endpoint, "the tables of " + endpoint.displayUrl(), e);
    }
  }

  /** The table of a stream; fails with a "Cannot …" message when it does not exist. */
  public TableRef find(Connection connection, String streamName) {
    return tables(connection).stream()
        .filter(table -> table.streamName().equals(streamName))
        .findFirst()
        .orElseThrow(
            () ->
                new DpException(
                    StandardErrorCode.NOT_FOUND,
                    "Cannot read stream "
                        + streamName
                        + ": the table does not exist or is not visible to the user ("
                        + endpoint.displayUrl()
                        + ")"));
  }

  /** The columns, key and kind of a table. */
  public JdbcTable describe(Connection connection, TableRef table) {
    try {
      DatabaseMetaData metadata = connection.getMetaData();
      String escape = metadata.getSearchStringEscape();
      List<JdbcColumn> columns = new ArrayList<>();
      try (ResultSet rows =
          metadata.getColumns(
              table.catalog().orElse(null),
              table.schema().map(schema -> escape(schema, escape)).orElse(null),
              escape(table.name(), escape),
              "%")) {
        while (rows.next()) {
          if (!table.name().equals(rows.getString("TABLE_NAME"))) {
            continue;
          }
          columns.add(
              dialect.column(
                  new ColumnMetadata(
                      rows.getString("COLUMN_NAME"),
                      rows.getInt("DATA_TYPE"),
                      String.valueOf(rows.getString("TYPE_NAME")),
                      rows.getInt("COLUMN_SIZE"),
                      rows.getInt("DECIMAL_DIGITS"),
                      rows.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls)));
        }
      }
      return new JdbcTable(table, columns, primaryKey(metadata, table), isView(metadata, table));
    } catch (SQLException e) {
      throw JdbcErrors.read(endpoint, "the columns of " + table.streamName(), e);
    }
  }

  private List<String> primaryKey(DatabaseMetaData metadata, TableRef table) throws SQLException {
    TreeMap<Integer, String> key = new TreeMap<>();
    try (ResultSet rows =
        metadata.getPrimaryKeys(
            table.catalog().orElse(null), table.schema().orElse(null), table.name())) {
      while (rows.next()) {
        key.put(rows.getInt("KEY_SEQ"), rows.getString("COLUMN_NAME"));
      }
    }
    return List.copyOf(key.values());
  }

  private boolean isView(DatabaseMetaData metadata, TableRef table) throws SQLException {
    String escape = metadata.getSearchStringEscape();
    try (ResultSet rows =
        metadata.getTables(
            table.catalog().orElse(null),
            table.schema().map(schema -> escape(schema, escape)).orElse(null),
            escape(table.name(), escape),
            null)) {
      while (rows.next()) {
        if (table.name().equals(rows.getString("TABLE_NAME"))) {
          return String.valueOf(rows.getString("TABLE_TYPE"))
              .toUpperCase(Locale.ROOT)
              .contains("VIEW");
        }
      }
    }
    return false;
  }

  private ResultSet tablesIn(DatabaseMetaData metadata, String namespace) throws SQLException {
    String escape = metadata.getSearchStringEscape();
    return dialect.namespacesAreCatalogs()
        ? metadata.getTables(namespace, null, "%", null)
        : metadata.getTables(null, escape(namespace, escape), "%", null);
  }

  private List<String> namespaces(DatabaseMetaData metadata) throws SQLException {
    Set<String> existing = new TreeSet<>();
    try (ResultSet rows =
        dialect.namespacesAreCatalogs() ? metadata.getCatalogs() : metadata.getSchemas()) {
      while (rows.next()) {
        existing.add(rows.getString(dialect.namespacesAreCatalogs() ? "TABLE_CAT" : "TABLE_SCHEM"));
      }
    }
    if (namespaces.isEmpty()) {
      return existing.stream().filter(name -> !dialect.isSystemNamespace(name)).toList();
    }
    for (String namespace : namespaces) {
      if (!existing.contains(namespace)) {
        throw new DpException(
            StandardErrorCode.INVALID_CONFIGURATION,
            "Cannot discover "
                + endpoint.source()
                + " source: the "
                + (dialect.namespacesAreCatalogs() ? "database" : "schema")
                + " "
                + namespace
                + " does not exist (known: "
                + String.join(", ", existing)
                + ")");
      }
    }
    return namespaces;
  }

  private static String escape(String name, String escape) {
    if (escape == null || escape.isEmpty()) {
      return name;
    }
    return name.replace(escape, escape + escape)
        .replace("_", escape + "_")
        .replace("%", escape + "%");
  }
}

package io.dataplatform.lakehouse.catalog;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.StaticTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.view.ViewMetadata;
import org.apache.iceberg.view.ViewMetadataParser;

/**
 * Loads tables for reading. The current metadata location comes from the catalog's database on
 * every call (so writes by other engines are seen at once); the parsed metadata is cached by that
 * location, since a metadata file never changes. Internal to the lakehouse module.
 */
public final class TableLoader {
  private static final int CACHE_SIZE = 512;
  private final DataSource dataSource;
  private final String catalogName;
  private final FileIO io;
  private final Map<String, Table> byMetadataLocation =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Table> eldest) {
              return size() > CACHE_SIZE;
            }
          });

  private final Map<String, ViewMetadata> viewsByMetadataLocation =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ViewMetadata> eldest) {
              return size() > CACHE_SIZE;
            }
          });

  public TableLoader(DataSource dataSource, String catalogName, FileIO io) {
    this.dataSource = requireNonNull(dataSource, "dataSource");
    this.catalogName = requireNonNull(catalogName, "catalogName");
    this.io = requireNonNull(io, "io");
  }

  /** The current read-only state of a table, or empty when no such table exists. */
  public Optional<Table> load(TableIdentifier id) {
    return metadataLocation(id, "TABLE").map(location -> load(id, location));
  }

  /** Whether a view of that name exists. */
  public boolean viewExists(TableIdentifier id) {
    return metadataLocation(id, "VIEW").isPresent();
  }

  /** The current metadata of a view, or empty when no such view exists. */
  public Optional<ViewMetadata> loadView(TableIdentifier id) {
    return metadataLocation(id, "VIEW")
        .map(
            location ->
                viewsByMetadataLocation.computeIfAbsent(
                    location, key -> ViewMetadataParser.read(io.newInputFile(key))));
  }

  private Table load(TableIdentifier id, String location) {
    Table cached = byMetadataLocation.get(location);
    if (cached != null) {
      return cached;
    }
    Table table = new BaseTable(new StaticTableOperations(location, io), catalogName + "." + id);
    byMetadataLocation.put(location, table);
    return table;
  }

  private Optional<String> metadataLocation(TableIdentifier id, String kind) {
    String sql =
        "SELECT metadata_location, iceberg_type FROM iceberg_tables"
            + " WHERE catalog_name = ? AND table_namespace = ? AND table_name = ?";
    try (var connection = dataSource.getConnection();
        var statement = connection.prepareStatement(sql)) {
      statement.setString(1, catalogName);
      statement.setString(2, id.namespace().toString());
      statement.setString(3, id.name());
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          String type = rows.getString(2);
          boolean matches =
              kind.equals("TABLE") ? type == null || type.equals("TABLE") : kind.equals(type);
          if (matches) {
            return Optional.ofNullable(rows.getString(1));
          }
        }
      }
      return Optional.empty();
    } catch (SQLException e) {
      throw new DpException(
          StandardErrorCode.EXTERNAL_FAILURE,
          "Cannot load table: the catalog database failed: " + e.getMessage() + " (" + id + ")",
          e);
    }
  }
}

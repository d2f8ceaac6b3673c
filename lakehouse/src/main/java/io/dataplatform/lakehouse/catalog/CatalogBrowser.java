package io.dataplatform.lakehouse.catalog;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.TableId;
import io.dataplatform.lakehouse.write.PartitionSpecs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.view.SQLViewRepresentation;
import org.apache.iceberg.view.View;

/** Read-only views of the catalog for the REST API and the UI. Thread-safe. */
public final class CatalogBrowser {
  private final JdbcCatalog catalog;
  private final TableLoader tables;

  public CatalogBrowser(JdbcCatalog catalog, TableLoader tables) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.tables = requireNonNull(tables, "tables");
  }

  /** Every namespace, sorted. */
  public List<String> namespaces() {
    return catalog.listNamespaces().stream().map(Namespace::toString).sorted().toList();
  }

  /** The tables and views of a namespace, sorted by name. */
  public List<CatalogObject> objects(String namespace) {
    Namespace name = Namespace.of(namespace);
    if (!catalog.namespaceExists(name)) {
      throw new DpException(StandardErrorCode.NOT_FOUND, "Cannot find schema: " + namespace);
    }
    List<CatalogObject> objects = new ArrayList<>();
    catalog
        .listTables(name)
        .forEach(id -> objects.add(new CatalogObject(id.name(), ObjectKind.TABLE)));
    catalog
        .listViews(name)
        .forEach(id -> objects.add(new CatalogObject(id.name(), ObjectKind.VIEW)));
    objects.sort(Comparator.comparing(CatalogObject::name));
    return objects;
  }

  /** Details of a table or view; {@code NOT_FOUND} when there is neither. */
  public TableDetails describe(TableId id) {
    TableIdentifier identifier = TableIdentifier.of(id.namespace().value(), id.name());
    Optional<Table> table = tables.load(identifier);
    if (table.isPresent()) {
      return table(id, table.get());
    }
    if (tables.viewExists(identifier)) {
      View view = catalog.loadView(identifier);
      String sql =
          view.currentVersion().representations().stream()
              .filter(r -> r instanceof SQLViewRepresentation)
              .map(r -> ((SQLViewRepresentation) r).sql())
              .findFirst()
              .orElse("");
      return new TableDetails(
          id.namespace().value(),
          id.name(),
          ObjectKind.VIEW,
          columns(view.schema()),
          List.of(),
          List.of(),
          Optional.of(sql),
          view.location(),
          view.properties());
    }
    throw new DpException(StandardErrorCode.NOT_FOUND, "Cannot find table: " + id);
  }

  private static TableDetails table(TableId id, Table table) {
    List<SnapshotDetails> snapshots = new ArrayList<>();
    for (Snapshot snapshot : table.snapshots()) {
      snapshots.add(
          new SnapshotDetails(
              snapshot.snapshotId(),
              Optional.ofNullable(snapshot.parentId()),
              Instant.ofEpochMilli(snapshot.timestampMillis()),
              String.valueOf(snapshot.operation()),
              snapshot.summary()));
    }
    return new TableDetails(
        id.namespace().value(),
        id.name(),
        ObjectKind.TABLE,
        columns(table.schema()),
        PartitionSpecs.describe(table.spec()),
        snapshots,
        Optional.empty(),
        table.location(),
        table.properties());
  }

  private static List<ColumnDetails> columns(Schema schema) {
    List<ColumnDetails> columns = new ArrayList<>();
    for (Types.NestedField field : schema.columns()) {
      columns.add(
          new ColumnDetails(
              field.fieldId(),
              field.name(),
              TypeMapping.duckdbType(field.type()),
              field.isOptional(),
              Optional.ofNullable(field.doc())));
    }
    return columns;
  }
}

package io.dataplatform.lakehouse.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the catalog knows about a table or view.
 *
 * @param partitioning display form of each partition field, e.g. {@code month(order_date)}
 * @param snapshots oldest first; empty for a view
 * @param viewSql the view's DuckDB SQL; empty for a table
 */
public record TableDetails(
    String namespace,
    String name,
    ObjectKind kind,
    List<ColumnDetails> columns,
    List<String> partitioning,
    List<SnapshotDetails> snapshots,
    Optional<String> viewSql,
    String location,
    Map<String, String> properties) {
  public TableDetails {
    requireNonNull(namespace, "namespace");
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
    columns = List.copyOf(columns);
    partitioning = List.copyOf(partitioning);
    snapshots = List.copyOf(snapshots);
    requireNonNull(viewSql, "viewSql");
    requireNonNull(location, "location");
    properties = Map.copyOf(properties);
  }
}

package io.dataplatform.lakehouse.sql;

import static java.util.Objects.requireNonNull;

import io.dataplatform.lakehouse.LakehouseConfig;
import io.dataplatform.lakehouse.catalog.TableLoader;
import io.dataplatform.lakehouse.scan.ScanPlanner;
import org.apache.iceberg.jdbc.JdbcCatalog;

/** What the SQL engine works with; built once by {@link io.dataplatform.lakehouse.Lakehouse}. */
public record EngineContext(
    LakehouseConfig config,
    JdbcCatalog catalog,
    TableLoader tables,
    ScanPlanner planner,
    DuckDatabase duck) {
  public EngineContext {
    requireNonNull(config, "config");
    requireNonNull(catalog, "catalog");
    requireNonNull(tables, "tables");
    requireNonNull(planner, "planner");
    requireNonNull(duck, "duck");
  }
}

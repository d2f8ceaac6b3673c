package io.dataplatform.lakehouse;

import static java.util.Objects.requireNonNull;

import io.dataplatform.lakehouse.catalog.CatalogBrowser;
import io.dataplatform.lakehouse.catalog.TableLoader;
import io.dataplatform.lakehouse.io.LakeStorage;
import io.dataplatform.lakehouse.load.LakeLoads;
import io.dataplatform.lakehouse.scan.ScanPlanner;
import io.dataplatform.lakehouse.sql.DuckDatabase;
import io.dataplatform.lakehouse.sql.EngineContext;
import io.dataplatform.lakehouse.sql.LakehouseSqlEngine;
import io.dataplatform.lakehouse.sql.SqlService;
import io.dataplatform.metastore.Metastore;
import io.dataplatform.metastore.QueryRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lakehouse: the Iceberg catalog in the metastore database, and the SQL engine over it. Open
 * one per process; close it to finish writing the query history.
 */
public final class Lakehouse implements AutoCloseable {
  /** The name of the Iceberg catalog. */
  public static final String CATALOG_NAME = "dp";

  private static final Logger LOG = LoggerFactory.getLogger(Lakehouse.class);
  private final JdbcCatalog catalog;
  private final LakehouseSqlEngine engine;
  private final CatalogBrowser browser;
  private final ExecutorService history;
  private final DuckDatabase duck;
  private final LakeStorage storage;
  private final LakeLoads loads;

  private Lakehouse(
      JdbcCatalog catalog,
      LakehouseSqlEngine engine,
      CatalogBrowser browser,
      ExecutorService history,
      DuckDatabase duck,
      LakeStorage storage,
      LakeLoads loads) {
    this.catalog = catalog;
    this.engine = engine;
    this.browser = browser;
    this.history = history;
    this.duck = duck;
    this.storage = storage;
    this.loads = loads;
  }

  /** Opens the catalog (creating its tables on first use) and the engine. */
  public static Lakehouse open(LakehouseConfig config, Metastore metastore) {
    requireNonNull(config, "config");
    requireNonNull(metastore, "metastore");
    LakeStorage storage = LakeStorage.open(config.warehouse());
    try {
      return open(config, metastore, storage);
    } catch (RuntimeException e) {
      storage.close();
      throw e;
    }
  }

  private static Lakehouse open(LakehouseConfig config, Metastore metastore, LakeStorage storage) {
    Map<String, String> properties = new HashMap<>(storage.catalogProperties());
    properties.put(CatalogProperties.URI, metastore.config().url());
    properties.put("jdbc.user", metastore.config().user());
    properties.put("jdbc.password", metastore.config().password());
    properties.put("jdbc.schema-version", "V1");
    properties.put(CatalogProperties.CLIENT_POOL_SIZE, "4");
    // concurrent statements append to the same tables; Iceberg retries a commit that lost a race
    properties.put("table-default.commit.retry.num-retries", "20");
    properties.put("table-default.commit.retry.min-wait-ms", "20");
    // each commit writes a new metadata file: keep the last hundred, not every one ever written
    properties.put("table-default.write.metadata.delete-after-commit.enabled", "true");
    properties.put("table-default.write.metadata.previous-versions-max", "100");
    JdbcCatalog catalog = new JdbcCatalog(storage::catalogFileIO, null, true);
    catalog.initialize(CATALOG_NAME, properties);
    TableLoader tables = new TableLoader(metastore.dataSource(), CATALOG_NAME, storage.fileIO());
    ExecutorService history =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "lakehouse-query-history");
              thread.setDaemon(true);
              return thread;
            });
    DuckDatabase duck = DuckDatabase.open(config, storage);
    LakehouseSqlEngine engine =
        new LakehouseSqlEngine(
            new EngineContext(config, catalog, tables, new ScanPlanner(), duck),
            record -> record(history, metastore, record));
    // staging for loads is private to the platform's own code, so it runs on its own DuckDB
    LakeLoads loads =
        new LakeLoads(
            catalog,
            storage,
            config.threads(),
            config.memoryLimit().isEmpty() ? "1GB" : config.memoryLimit());
    return new Lakehouse(
        catalog, engine, new CatalogBrowser(catalog, tables), history, duck, storage, loads);
  }

  private static void record(ExecutorService history, Metastore metastore, QueryRecord record) {
    try {
      history.execute(() -> insert(metastore, record));
    } catch (RejectedExecutionException e) {
      LOG.warn("Cannot record query in the history: the lakehouse is closed ({})", record.id());
    }
  }

  private static void insert(Metastore metastore, QueryRecord record) {
    try {
      metastore.queries().insert(record);
    } catch (RuntimeException e) {
      LOG.warn("Cannot record query in the history: {} ({})", e.getMessage(), record.id());
    }
  }

  /** The SQL service. */
  public SqlService sql() {
    return engine;
  }

  /**
   * The Iceberg catalog; also a {@link org.apache.iceberg.catalog.ViewCatalog} and {@link
   * org.apache.iceberg.catalog.SupportsNamespaces}.
   */
  public Catalog catalog() {
    return catalog;
  }

  /** Loading rows from sources into tables, with their sync state (the ingestion engine's). */
  public LakeLoads loads() {
    return loads;
  }

  /** Read-only catalog views for the API and UI. */
  public CatalogBrowser browser() {
    return browser;
  }

  @Override
  public void close() {
    history.shutdown();
    try {
      if (!history.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("Cannot finish writing the query history: timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    duck.close();
    catalog.close();
    storage.close();
  }
}

package io.dataplatform.lakehouse.rest;

import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.inmemory.InMemoryFileIO;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * The REST catalog contract over Iceberg's JDBC catalog on an in-memory H2 database, the catalog
 * the platform serves in production.
 */
class TestIcebergRestHandlerOnJdbcCatalog extends IcebergRestCatalogContract {
  @Override
  protected Catalog newBackend() {
    JdbcCatalog catalog = new JdbcCatalog();
    catalog.initialize(
        "backend",
        Map.of(
            "uri",
            "jdbc:h2:mem:rest-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE",
            "warehouse",
            "/dp-warehouse",
            "io-impl",
            InMemoryFileIO.class.getName(),
            "jdbc.schema-version",
            "V1"));
    return catalog;
  }
}

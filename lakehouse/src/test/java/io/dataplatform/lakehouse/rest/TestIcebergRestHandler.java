package io.dataplatform.lakehouse.rest;

import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.inmemory.InMemoryCatalog;

/** The REST catalog contract over Iceberg's in-memory catalog. */
class TestIcebergRestHandler extends IcebergRestCatalogContract {
  @Override
  protected Catalog newBackend() {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("backend", Map.of("warehouse", "/dp-warehouse"));
    return catalog;
  }
}

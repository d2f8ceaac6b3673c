package io.dataplatform.lakehouse.rest;

import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;

/** Namespace checks shared by the table and view endpoints. */
final class Namespaces {
  private Namespaces() {}

  /**
   * Rejects creating in a namespace that does not exist, as the REST protocol requires, even when
   * the catalog itself would create it implicitly (the JDBC catalog does).
   */
  static void requireExists(Catalog catalog, Namespace namespace) {
    if (catalog instanceof SupportsNamespaces namespaces
        && !namespaces.namespaceExists(namespace)) {
      throw new NoSuchNamespaceException("Namespace does not exist: %s", namespace);
    }
  }
}

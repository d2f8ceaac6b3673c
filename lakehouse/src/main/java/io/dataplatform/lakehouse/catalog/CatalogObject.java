package io.dataplatform.lakehouse.catalog;

import static java.util.Objects.requireNonNull;

/** A table or view in a namespace. */
public record CatalogObject(String name, ObjectKind kind) {
  public CatalogObject {
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
  }
}

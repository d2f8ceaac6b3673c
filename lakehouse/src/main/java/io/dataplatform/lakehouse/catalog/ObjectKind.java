package io.dataplatform.lakehouse.catalog;

/** What a catalog object is. */
public enum ObjectKind {
  TABLE,
  VIEW
}

package io.dataplatform.api;

import static java.util.Objects.requireNonNull;

/** A table or view of the lakehouse: namespace and name, both lower case. */
public record TableId(NamespaceName namespace, String name) {
  public TableId {
    requireNonNull(namespace, "namespace");
    name = Identifiers.checkName("table", name);
  }

  public static TableId of(String namespace, String name) {
    return new TableId(NamespaceName.of(namespace), name);
  }

  /** Parses {@code namespace.name}. */
  public static TableId parse(String qualified) {
    int dot = qualified == null ? -1 : qualified.indexOf('.');
    if (dot < 0 || qualified.indexOf('.', dot + 1) >= 0) {
      throw DpException.user(
          "Cannot parse table name: expected namespace.table (" + qualified + ")");
    }
    return of(qualified.substring(0, dot), qualified.substring(dot + 1));
  }

  @Override
  public String toString() {
    return namespace + "." + name;
  }
}

package io.dataplatform.api;

/** A namespace (schema) of the lakehouse, e.g. {@code raw}; stored in lower case. */
public record NamespaceName(String value) {
  public NamespaceName {
    value = Identifiers.checkName("namespace", value);
  }

  public static NamespaceName of(String value) {
    return new NamespaceName(value);
  }

  @Override
  public String toString() {
    return value;
  }
}

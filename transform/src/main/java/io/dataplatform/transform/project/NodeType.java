package io.dataplatform.transform.project;

/** The kinds of node in a project's graph, named as dbt names them in its artifacts. */
public enum NodeType {
  MODEL("model"),
  SEED("seed"),
  SNAPSHOT("snapshot"),
  TEST("test"),
  /** A dbt unit test: a model run on given input rows and compared with expected rows. */
  UNIT_TEST("unit_test"),
  SOURCE("source");

  private final String resourceType;

  NodeType(String resourceType) {
    this.resourceType = resourceType;
  }

  /** The name in artifacts and selectors: {@code model}, {@code seed}, … */
  public String resourceType() {
    return resourceType;
  }
}

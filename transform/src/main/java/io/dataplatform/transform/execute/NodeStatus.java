package io.dataplatform.transform.execute;

/** The outcome of one node, named as in dbt's run_results.json. */
public enum NodeStatus {
  SUCCESS("success"),
  ERROR("error"),
  SKIPPED("skipped"),
  PASS("pass"),
  FAIL("fail"),
  WARN("warn");

  private final String label;

  NodeStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Whether descendants must be skipped. */
  public boolean blocksDescendants() {
    return this == ERROR || this == FAIL || this == SKIPPED;
  }
}

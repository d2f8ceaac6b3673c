package io.dataplatform.transform.freshness;

/** The outcome of one source table's freshness check, named as in dbt's sources.json. */
public enum FreshnessStatus {
  PASS("pass"),
  WARN("warn"),
  /** Older than {@code error_after}: stale. */
  ERROR("error"),
  /** The query failed or returned no timestamp. */
  RUNTIME_ERROR("runtime error");

  private final String label;

  FreshnessStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}

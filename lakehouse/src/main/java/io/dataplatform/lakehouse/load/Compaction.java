package io.dataplatform.lakehouse.load;

/**
 * When a keyed commit rewrites the data files whose deleted rows passed the {@link
 * CompactionThresholds}' fraction.
 */
public enum Compaction {
  /** In the commit that passes the threshold: reads never apply many deletes. */
  IN_COMMIT,

  /**
   * Later, by {@link TableLoad#compact}: the commit only adds position deletes, so its rows become
   * visible sooner. The limit on delete files still compacts in the commit that would pass it.
   */
  DEFERRED
}

package io.dataplatform.lakehouse.load;

/** How a commit of staged rows changes a table. */
public enum LoadMode {
  /** The staged rows replace every row of the table. */
  OVERWRITE,
  /** The staged rows are added to the table. */
  APPEND,
  /**
   * The latest staged row of each primary key replaces the table's row of that key; a staged delete
   * removes the key's row (or marks it deleted, see {@link DeleteMode}).
   */
  UPSERT
}

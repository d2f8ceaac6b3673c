package io.dataplatform.lakehouse.load;

/** What a delete does to its key's row in an {@link LoadMode#UPSERT} load. */
public enum DeleteMode {
  /** The row is removed. */
  HARD,
  /** The row stays, with the delete's values and {@code _dp_deleted} set to true. */
  SOFT
}

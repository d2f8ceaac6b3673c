package io.dataplatform.api.connector;

/** What a record does to its key's row. */
public enum ChangeOperation {
  /** A row as read by a full or incremental read, or a CDC snapshot. */
  READ,
  INSERT,
  UPDATE,
  /** The key's row is gone; the record's values hold at least the key columns. */
  DELETE
}

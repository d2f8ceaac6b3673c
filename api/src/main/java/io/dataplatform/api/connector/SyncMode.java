package io.dataplatform.api.connector;

import java.util.Locale;

/** How a stream is copied into its table. */
public enum SyncMode {
  /** Read everything; replace the table's rows in one commit. */
  FULL_REFRESH_OVERWRITE,
  /** Read everything; append to the table. */
  FULL_REFRESH_APPEND,
  /** Read rows whose cursor is past the stored cursor; append them. */
  INCREMENTAL_APPEND,
  /**
   * Read rows whose cursor is past the stored cursor; the table keeps the latest row of each
   * primary key.
   */
  INCREMENTAL_DEDUP,
  /** Follow the source's change log: inserts, updates and deletes, keyed by the primary key. */
  CDC;

  /** The name used in connection files: {@code full_refresh_overwrite}, {@code cdc}, … */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a name from a connection file; {@code incremental_dedup} and friends. */
  public static SyncMode fromConfigName(String name) {
    for (SyncMode mode : values()) {
      if (mode.configName().equals(name.toLowerCase(Locale.ROOT).replace('-', '_'))) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "Cannot read sync mode: unknown mode (" + name + "); expected one of " + names());
  }

  private static String names() {
    StringBuilder names = new StringBuilder();
    for (SyncMode mode : values()) {
      names.append(names.length() == 0 ? "" : ", ").append(mode.configName());
    }
    return names.toString();
  }
}

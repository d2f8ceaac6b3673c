package io.dataplatform.ingest.sync;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.TableId;
import io.dataplatform.api.connector.SyncMode;
import java.util.List;
import java.util.Optional;

/**
 * One stream of a sync and where it goes.
 *
 * @param cursor the cursor column for incremental modes; empty for the source's default
 * @param primaryKey the key for deduplicated and CDC modes; empty for the source's key
 */
public record StreamPlan(
    String name, SyncMode mode, Optional<String> cursor, List<String> primaryKey, TableId table) {
  public StreamPlan {
    requireNonNull(name, "name");
    requireNonNull(mode, "mode");
    requireNonNull(cursor, "cursor");
    primaryKey = List.copyOf(primaryKey);
    requireNonNull(table, "table");
  }

  boolean isFullRefresh() {
    return mode == SyncMode.FULL_REFRESH_OVERWRITE || mode == SyncMode.FULL_REFRESH_APPEND;
  }
}

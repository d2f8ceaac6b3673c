package io.dataplatform.lakehouse.load;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.TableId;
import java.util.List;

/**
 * A table and how commits change it.
 *
 * @param primaryKey the key columns; required for {@link LoadMode#UPSERT}
 */
public record LoadTarget(
    TableId table, LoadMode mode, List<String> primaryKey, DeleteMode deletes) {
  /** The boolean column that marks soft-deleted rows. */
  public static final String DELETED_COLUMN = "_dp_deleted";

  public LoadTarget {
    requireNonNull(table, "table");
    requireNonNull(mode, "mode");
    primaryKey = List.copyOf(primaryKey);
    requireNonNull(deletes, "deletes");
    if (mode == LoadMode.UPSERT && primaryKey.isEmpty()) {
      throw new DpException(
          StandardErrorCode.INVALID_CONFIGURATION,
          "Cannot load into " + table + ": an upsert needs a primary key");
    }
  }

  public static LoadTarget overwrite(TableId table) {
    return new LoadTarget(table, LoadMode.OVERWRITE, List.of(), DeleteMode.HARD);
  }

  public static LoadTarget append(TableId table) {
    return new LoadTarget(table, LoadMode.APPEND, List.of(), DeleteMode.HARD);
  }

  public static LoadTarget upsert(TableId table, List<String> primaryKey, DeleteMode deletes) {
    return new LoadTarget(table, LoadMode.UPSERT, primaryKey, deletes);
  }
}

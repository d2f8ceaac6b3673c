package io.dataplatform.ingest.connection;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.connector.SyncMode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A stream of a connection as the user declared it.
 *
 * @param table the table's name in the connection's namespace; empty for the default, the stream
 *     name's last part in lower case with other characters than letters, digits and underscores
 *     replaced by underscores
 */
public record StreamDefinition(
    String name,
    SyncMode mode,
    Optional<String> cursor,
    List<String> primaryKey,
    Optional<String> table) {
  public StreamDefinition {
    requireNonNull(name, "name");
    requireNonNull(mode, "mode");
    requireNonNull(cursor, "cursor");
    primaryKey = List.copyOf(primaryKey);
    requireNonNull(table, "table");
  }

  /** The table name this stream loads. */
  public String tableName() {
    if (table.isPresent()) {
      return table.get();
    }
    String last = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    String cleaned = last.replaceAll("[^a-z0-9_]", "_");
    return cleaned.isEmpty() || Character.isDigit(cleaned.charAt(0)) ? "_" + cleaned : cleaned;
  }
}

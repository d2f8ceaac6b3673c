package io.dataplatform.api.connector;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A stream a source offers: a table, a file set, an API resource.
 *
 * @param name the stream's name, unique within the source ({@code public.customers})
 * @param columns in source order
 * @param primaryKey column names; empty when the source declares none
 * @param cursorCandidates columns usable as an incremental cursor (ordered, comparable)
 * @param defaultCursor the cursor the source itself defines (an API's {@code updated_at}), if any
 * @param syncModes the modes this stream supports
 */
public record SourceStream(
    String name,
    List<SourceColumn> columns,
    List<String> primaryKey,
    List<String> cursorCandidates,
    Optional<String> defaultCursor,
    Set<SyncMode> syncModes) {
  public SourceStream {
    requireNonNull(name, "name");
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    cursorCandidates = List.copyOf(cursorCandidates);
    requireNonNull(defaultCursor, "defaultCursor");
    syncModes = Set.copyOf(syncModes);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("Cannot create stream: it has no columns (" + name + ")");
    }
  }

  /** The column with this name (case-insensitive), if present. */
  public Optional<SourceColumn> column(String columnName) {
    return columns.stream()
        .filter(column -> column.name().equalsIgnoreCase(columnName))
        .findFirst();
  }
}

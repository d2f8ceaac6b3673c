package io.dataplatform.ingest.source.jdbc;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceStream;
import io.dataplatform.api.connector.SyncMode;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A table with its columns and key, as discovered.
 *
 * @param view true for views, which never offer change data capture
 */
public record JdbcTable(
    TableRef ref, List<JdbcColumn> columns, List<String> primaryKey, boolean view) {
  public JdbcTable {
    requireNonNull(ref, "ref");
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
  }

  public String streamName() {
    return ref.streamName();
  }

  public Optional<JdbcColumn> column(String name) {
    return columns.stream()
        .filter(column -> column.name().equals(name))
        .findFirst()
        .or(
            () ->
                columns.stream()
                    .filter(column -> column.name().equalsIgnoreCase(name))
                    .findFirst());
  }

  /**
   * The stream this table offers: full refresh always; incremental modes when a column can serve as
   * cursor; CDC when {@code changeCapture} is offered, the table has a primary key and the change
   * reader can read every column ({@code capturable}).
   */
  public SourceStream stream(
      ChangeCaptureSupport changeCapture, Predicate<SourceColumn> capturable) {
    List<String> cursors =
        columns.stream().filter(JdbcColumn::orderable).map(JdbcColumn::name).toList();
    Set<SyncMode> modes = EnumSet.of(SyncMode.FULL_REFRESH_OVERWRITE, SyncMode.FULL_REFRESH_APPEND);
    if (!cursors.isEmpty()) {
      modes.add(SyncMode.INCREMENTAL_APPEND);
      modes.add(SyncMode.INCREMENTAL_DEDUP);
    }
    if (changeCapture == ChangeCaptureSupport.TABLES_WITH_PRIMARY_KEY
        && !view
        && !primaryKey.isEmpty()
        && columns.stream().map(JdbcColumn::column).allMatch(capturable)) {
      modes.add(SyncMode.CDC);
    }
    List<SourceColumn> sourceColumns = columns.stream().map(JdbcColumn::column).toList();
    return new SourceStream(
        streamName(), sourceColumns, primaryKey, cursors, Optional.empty(), modes);
  }

  /** Whether a connector follows change logs. */
  public enum ChangeCaptureSupport {
    NONE,
    TABLES_WITH_PRIMARY_KEY
  }
}

package io.dataplatform.ingest.source.jdbc;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceMessage;
import io.dataplatform.api.connector.SourceRecord;
import io.dataplatform.api.connector.StreamState;
import io.dataplatform.api.connector.SyncMode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads one table with a streaming {@code SELECT}: everything for a full refresh, or the rows past
 * the stored cursor in cursor order for incremental modes.
 *
 * <p>Incremental reads send a {@link SourceMessage.Checkpoint} after a batch only when the batch
 * ends at a boundary between distinct cursor values: the state says "every row with a cursor up to
 * v, and no other, has been sent", and a resumed read asks for {@code cursor > v}. So batches end
 * where the cursor value changes, and a resumed read neither loses nor repeats rows sharing a
 * value. Rows whose cursor is NULL are read by the first incremental read only, before the others.
 */
public final class TableRead {
  /** State key: the cursor column the state's value belongs to. */
  public static final String CURSOR_KEY = "cursor";

  /** State key: the greatest cursor value every row of which has been sent. */
  public static final String CURSOR_VALUE_KEY = "cursor_value";

  /** How many times the requested batch size a batch may grow to end at a cursor boundary. */
  static final int MAX_BATCH_FACTOR = 4;

  private final JdbcDialect dialect;
  private final SqlNames names;
  private final JdbcTable table;
  private final ConfiguredStream configured;
  private final int batchRows;

  public TableRead(
      JdbcDialect dialect,
      SqlNames names,
      JdbcTable table,
      ConfiguredStream configured,
      int batchRows) {
    this.dialect = requireNonNull(dialect, "dialect");
    this.names = requireNonNull(names, "names");
    this.table = requireNonNull(table, "table");
    this.configured = requireNonNull(configured, "configured");
    this.batchRows = batchRows;
  }

  /** Whether the configured mode reads past a cursor. */
  public static boolean isIncremental(SyncMode mode) {
    return mode == SyncMode.INCREMENTAL_APPEND || mode == SyncMode.INCREMENTAL_DEDUP;
  }

  /** The {@code SELECT} list of every column, through the dialect's expressions. */
  public String selectList() {
    return table.columns().stream()
        .map(column -> dialect.selectExpression(column, names.quote(column.name())))
        .collect(Collectors.joining(", "));
  }

  /** Sends the stream's batches and checkpoints, then its end. */
  public void run(Connection connection, BackgroundReader.Output output) throws Exception {
    if (isIncremental(configured.mode())) {
      readIncremental(connection, output);
    } else {
      String sql = "SELECT " + selectList() + " FROM " + names.qualified(table.ref());
      try (PreparedStatement statement = prepare(connection, sql, output)) {
        send(statement, output, Optional.empty(), StreamState.EMPTY);
      }
    }
    connection.commit();
    output.send(new SourceMessage.StreamEnd(configured.name()));
  }

  private void readIncremental(Connection connection, BackgroundReader.Output output)
      throws Exception {
    JdbcColumn cursor = cursorColumn();
    StreamState state = configured.state();
    Optional<String> stored = state.value(CURSOR_VALUE_KEY);
    Optional<String> storedColumn = state.value(CURSOR_KEY);
    if (storedColumn.isPresent() && !storedColumn.get().equals(cursor.name())) {
      throw new DpException(
          StandardErrorCode.INVALID_ARGUMENT,
          "Cannot read stream "
              + configured.name()
              + " incrementally: its state belongs to the cursor "
              + storedColumn.get()
              + ", not "
              + cursor.name()
              + "; reset the stream to change the cursor (dp sync <connection> --reset-stream "
              + configured.name()
              + ")");
    }
    String base = "SELECT " + selectList() + " FROM " + names.qualified(table.ref());
    String quoted = names.quote(cursor.name());
    if (stored.isEmpty()) {
      try (PreparedStatement nulls =
          prepare(connection, base + " WHERE " + quoted + " IS NULL", output)) {
        send(nulls, output, Optional.empty(), state);
      }
      String sql = base + " WHERE " + quoted + " IS NOT NULL ORDER BY " + quoted;
      try (PreparedStatement statement = prepare(connection, sql, output)) {
        send(statement, output, Optional.of(cursor), state);
      }
    } else {
      String sql = base + " WHERE " + quoted + " > ? ORDER BY " + quoted;
      try (PreparedStatement statement = prepare(connection, sql, output)) {
        statement.setObject(1, ColumnValues.parse(stored.get(), cursor.column().type()));
        send(statement, output, Optional.of(cursor), state);
      }
    }
  }

  private JdbcColumn cursorColumn() {
    String name =
        configured
            .cursor()
            .or(() -> configured.stream().defaultCursor())
            .orElseThrow(
                () ->
                    new DpException(
                        StandardErrorCode.INVALID_CONFIGURATION,
                        "Cannot read stream "
                            + configured.name()
                            + " incrementally: no cursor column is configured (candidates: "
                            + String.join(", ", configured.stream().cursorCandidates())
                            + ")"));
    JdbcColumn column =
        table
            .column(name)
            .orElseThrow(
                () ->
                    new DpException(
                        StandardErrorCode.INVALID_CONFIGURATION,
                        "Cannot read stream "
                            + configured.name()
                            + " incrementally: the cursor column does not exist ("
                            + name
                            + ")"));
    if (!column.orderable()) {
      throw new DpException(
          StandardErrorCode.INVALID_CONFIGURATION,
          "Cannot read stream "
              + configured.name()
              + " incrementally: the column "
              + name
              + " cannot be a cursor ("
              + column.column().sourceType()
              + "); use a number, date, timestamp or string column");
    }
    return column;
  }

  private PreparedStatement prepare(
      Connection connection, String sql, BackgroundReader.Output output) throws SQLException {
    PreparedStatement statement =
        connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    statement.setFetchSize(dialect.fetchSize(batchRows));
    output.running(statement::cancel);
    return statement;
  }

  /**
   * Sends the rows of a query in batches. With a cursor, a batch ends only where the cursor value
   * changes (one row is read ahead to know), and is followed by a checkpoint of its last value. A
   * group of equal values longer than {@link #MAX_BATCH_FACTOR} batches is split into batches
   * without checkpoints; the checkpoint follows the batch that ends the group.
   */
  private void send(
      PreparedStatement statement,
      BackgroundReader.Output output,
      Optional<JdbcColumn> cursor,
      StreamState state)
      throws Exception {
    List<SourceColumn> columns = table.columns().stream().map(JdbcColumn::column).toList();
    int cursorIndex = cursor.map(column -> table.columns().indexOf(column)).orElse(-1);
    int maxBatch = batchRows * MAX_BATCH_FACTOR;
    boolean sentAny = false;
    try (ResultSet rows = statement.executeQuery()) {
      Object[] next = rows.next() ? row(rows, columns) : null;
      List<SourceRecord> batch = new ArrayList<>();
      while (next != null) {
        Object[] current = next;
        batch.add(SourceRecord.read(current));
        next = rows.next() ? row(rows, columns) : null;
        boolean boundary =
            next == null || cursorIndex < 0 || !sameCursor(next[cursorIndex], current[cursorIndex]);
        if (next == null || (batch.size() >= batchRows && boundary) || batch.size() >= maxBatch) {
          output.send(new SourceMessage.RecordBatch(configured.name(), columns, batch));
          batch = new ArrayList<>();
          sentAny = true;
          if (boundary && cursorIndex >= 0) {
            output.send(checkpoint(cursor.get(), ColumnValues.format(current[cursorIndex])));
          }
        }
      }
    }
    if (cursor.isPresent() && !sentAny && !state.isEmpty()) {
      output.send(new SourceMessage.Checkpoint(configured.name(), state));
    }
  }

  /**
   * Whether the source may consider two cursor values equal. Errs towards "equal": strings are
   * compared as a case-, accent- and trailing-space-insensitive collation would, since a boundary
   * between values the source finds equal would make {@code cursor > v} skip rows.
   */
  static boolean sameCursor(Object left, Object right) {
    if (left instanceof String a && right instanceof String b) {
      return collationKey(a).equals(collationKey(b));
    }
    if (left instanceof Double || left instanceof Float) {
      return right instanceof Number number
          && ((Number) left).doubleValue() == number.doubleValue();
    }
    if (left instanceof OffsetDateTime a && right instanceof OffsetDateTime b) {
      return a.isEqual(b);
    }
    if (left instanceof BigDecimal a && right instanceof BigDecimal b) {
      return a.compareTo(b) == 0;
    }
    return Objects.equals(left, right);
  }

  private static String collationKey(String value) {
    String decomposed = Normalizer.normalize(value, Normalizer.Form.NFD);
    return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT).stripTrailing();
  }

  private SourceMessage.Checkpoint checkpoint(JdbcColumn cursor, String value) {
    return new SourceMessage.Checkpoint(
        configured.name(),
        new StreamState(Map.of(CURSOR_KEY, cursor.name(), CURSOR_VALUE_KEY, value)));
  }

  private static Object[] row(ResultSet rows, List<SourceColumn> columns) throws SQLException {
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = ColumnValues.read(rows, i + 1, columns.get(i).type());
    }
    return values;
  }
}

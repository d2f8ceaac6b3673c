package io.dataplatform.transform.jinja;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of {@code run_query} or {@code load_result(...).table}, shaped like dbt's agate table:
 * {@code .rows}, {@code .columns[i].values()}, {@code .column_names}.
 */
public final class QueryTable {
  private final List<String> columnNames;
  private final List<String> columnTypes;
  private final List<List<Object>> rows;

  public QueryTable(List<String> columnNames, List<List<Object>> rows) {
    this(columnNames, List.of(), rows);
  }

  /**
   * @param columnTypes the database's type of each column ({@code DECIMAL(18,3)}, …); empty when
   *     unknown
   */
  public QueryTable(List<String> columnNames, List<String> columnTypes, List<List<Object>> rows) {
    this.columnNames = List.copyOf(requireNonNull(columnNames, "columnNames"));
    this.columnTypes = List.copyOf(requireNonNull(columnTypes, "columnTypes"));
    this.rows = requireNonNull(rows, "rows");
  }

  /** The database's type of each column; empty when unknown. */
  public List<String> columnTypes() {
    return columnTypes;
  }

  public List<List<Object>> getRows() {
    return rows;
  }

  public List<String> getColumn_names() {
    return columnNames;
  }

  public List<Column> getColumns() {
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < columnNames.size(); i++) {
      int index = i;
      columns.add(new Column(columnNames.get(i), rows.stream().map(r -> r.get(index)).toList()));
    }
    return columns;
  }

  /** One column of a table. */
  public static final class Column {
    private final String name;
    private final List<Object> values;

    Column(String name, List<Object> values) {
      this.name = name;
      this.values = values;
    }

    public String getName() {
      return name;
    }

    public List<Object> values() {
      return values;
    }
  }
}

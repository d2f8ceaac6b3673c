package io.dataplatform.bench;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One TPC-H table with the column types of the specification (clause 1.4): identifiers as BIGINT,
 * integers as INTEGER, decimals as DECIMAL(15,2), dates as DATE and text as VARCHAR.
 */
record TpchTable(String name, List<Column> columns) {
  private static final String KEY = "BIGINT";
  private static final String INTEGER = "INTEGER";
  private static final String MONEY = "DECIMAL(15,2)";
  private static final String DATE = "DATE";
  private static final String TEXT = "VARCHAR";

  /** The eight tables, smallest first. */
  static final List<TpchTable> ALL =
      List.of(
          table("region", "r_regionkey", KEY, "r_name", TEXT, "r_comment", TEXT),
          table(
              "nation", "n_nationkey", KEY, "n_name", TEXT, "n_regionkey", KEY, "n_comment", TEXT),
          table(
              "supplier",
              "s_suppkey",
              KEY,
              "s_name",
              TEXT,
              "s_address",
              TEXT,
              "s_nationkey",
              KEY,
              "s_phone",
              TEXT,
              "s_acctbal",
              MONEY,
              "s_comment",
              TEXT),
          table(
              "customer",
              "c_custkey",
              KEY,
              "c_name",
              TEXT,
              "c_address",
              TEXT,
              "c_nationkey",
              KEY,
              "c_phone",
              TEXT,
              "c_acctbal",
              MONEY,
              "c_mktsegment",
              TEXT,
              "c_comment",
              TEXT),
          table(
              "part",
              "p_partkey",
              KEY,
              "p_name",
              TEXT,
              "p_mfgr",
              TEXT,
              "p_brand",
              TEXT,
              "p_type",
              TEXT,
              "p_size",
              INTEGER,
              "p_container",
              TEXT,
              "p_retailprice",
              MONEY,
              "p_comment",
              TEXT),
          table(
              "partsupp",
              "ps_partkey",
              KEY,
              "ps_suppkey",
              KEY,
              "ps_availqty",
              INTEGER,
              "ps_supplycost",
              MONEY,
              "ps_comment",
              TEXT),
          table(
              "orders",
              "o_orderkey",
              KEY,
              "o_custkey",
              KEY,
              "o_orderstatus",
              TEXT,
              "o_totalprice",
              MONEY,
              "o_orderdate",
              DATE,
              "o_orderpriority",
              TEXT,
              "o_clerk",
              TEXT,
              "o_shippriority",
              INTEGER,
              "o_comment",
              TEXT),
          table(
              "lineitem",
              "l_orderkey",
              KEY,
              "l_partkey",
              KEY,
              "l_suppkey",
              KEY,
              "l_linenumber",
              INTEGER,
              "l_quantity",
              MONEY,
              "l_extendedprice",
              MONEY,
              "l_discount",
              MONEY,
              "l_tax",
              MONEY,
              "l_returnflag",
              TEXT,
              "l_linestatus",
              TEXT,
              "l_shipdate",
              DATE,
              "l_commitdate",
              DATE,
              "l_receiptdate",
              DATE,
              "l_shipinstruct",
              TEXT,
              "l_shipmode",
              TEXT,
              "l_comment",
              TEXT));

  TpchTable {
    requireNonNull(name, "name");
    columns = List.copyOf(requireNonNull(columns, "columns"));
  }

  /** A column and its DuckDB type. */
  record Column(String name, String type) {
    Column {
      requireNonNull(name, "name");
      requireNonNull(type, "type");
    }
  }

  private static TpchTable table(String name, String... namesAndTypes) {
    Column[] columns = new Column[namesAndTypes.length / 2];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = new Column(namesAndTypes[2 * i], namesAndTypes[2 * i + 1]);
    }
    return new TpchTable(name, List.of(columns));
  }

  /** The file name of this table's Parquet file. */
  String parquetFileName() {
    return name + ".parquet";
  }

  /** The DuckDB {@code columns} struct of {@code read_csv} for the generator's text lines. */
  String csvColumns() {
    return columns.stream()
            .map(column -> "'" + column.name() + "': '" + column.type() + "'")
            .collect(Collectors.joining(", ", "{", ""))
        // each generated line ends with a separator, which reads as one more, empty column
        + ", 'line_end': 'VARCHAR'}";
  }

  /** The column list without the trailing empty column of the text lines. */
  String columnList() {
    return columns.stream().map(Column::name).collect(Collectors.joining(", "));
  }
}

package io.dataplatform.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** The baseline: an in-process DuckDB whose views read the generated Parquet files directly. */
final class BaselineDuckDb {
  private BaselineDuckDb() {}

  static JdbcEngine open(Path parquetDirectory) throws SQLException {
    Connection connection = DuckDb.open("4GB");
    JdbcEngine engine = new JdbcEngine("duckdb", "tpch", connection);
    try {
      engine.executeStatement("CREATE SCHEMA tpch");
      for (TpchTable table : TpchTable.ALL) {
        Path file = parquetDirectory.resolve(table.parquetFileName()).toAbsolutePath();
        engine.executeStatement(
            "CREATE VIEW tpch."
                + table.name()
                + " AS SELECT * FROM read_parquet("
                + DuckDb.literal(file.toString())
                + ")");
      }
    } catch (SQLException e) {
      engine.close();
      throw e;
    }
    return engine;
  }
}

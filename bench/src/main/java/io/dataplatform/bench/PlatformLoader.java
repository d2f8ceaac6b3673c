package io.dataplatform.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * Loads the TPC-H tables into the platform as Iceberg tables: the Parquet files are copied under
 * the warehouse (the only place the platform's SQL may read files from) and each table is created
 * with {@code CREATE TABLE tpch.<t> AS SELECT * FROM read_parquet(...)} over Flight SQL.
 */
final class PlatformLoader {
  private final PlatformProcess platform;
  private final JdbcEngine flightSql;

  PlatformLoader(PlatformProcess platform, JdbcEngine flightSql) {
    this.platform = requireNonNull(platform, "platform");
    this.flightSql = requireNonNull(flightSql, "flightSql");
  }

  /** Loads all tables and returns the time it took in milliseconds, copying included. */
  double load(Path parquetDirectory) throws IOException, SQLException {
    long started = System.nanoTime();
    Path imports = platform.warehouse().resolve("_import");
    Files.createDirectories(imports);
    try {
      for (TpchTable table : TpchTable.ALL) {
        Files.copy(
            parquetDirectory.resolve(table.parquetFileName()),
            imports.resolve(table.parquetFileName()));
      }
      flightSql.executeStatement("CREATE SCHEMA tpch");
      for (TpchTable table : TpchTable.ALL) {
        long tableStarted = System.nanoTime();
        Path file = imports.resolve(table.parquetFileName()).toAbsolutePath();
        flightSql.executeStatement(
            "CREATE TABLE tpch."
                + table.name()
                + " AS SELECT * FROM read_parquet("
                + DuckDb.literal(file.toString())
                + ")");
        System.out.printf(
            "  loaded %-9s %8.1f s%n", table.name(), (System.nanoTime() - tableStarted) / 1e9);
      }
    } finally {
      for (TpchTable table : TpchTable.ALL) {
        Files.deleteIfExists(imports.resolve(table.parquetFileName()));
      }
      Files.deleteIfExists(imports);
    }
    return (System.nanoTime() - started) / 1e6;
  }
}

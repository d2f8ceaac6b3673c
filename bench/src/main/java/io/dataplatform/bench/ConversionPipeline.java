package io.dataplatform.bench;

import static java.util.Objects.requireNonNull;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.duckdb.DuckDBConnection;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * A full refresh's work without the platform: {@code COPY … TO STDOUT (FORMAT csv)} read by this
 * client into CSV files of a fixed size, each converted to a snappy Parquet file by DuckDB on a
 * worker thread as soon as it is complete, as the platform's PostgreSQL connector and load do (same
 * file size, as many workers as cores, DuckDB on half the cores). No Iceberg, no object store, no
 * sync bookkeeping: its rate is what this design can reach on this machine at best.
 */
final class ConversionPipeline {
  private static final int BUFFER_BYTES = 1 << 20;

  private final String copySql;
  private final String csvColumns;
  private final long fileBytes;
  private final int workers;

  /**
   * @param copySql the {@code COPY … TO STDOUT (FORMAT csv)} statement
   * @param csvColumns DuckDB's {@code columns} struct of the CSV, e.g. {@code {'id': 'BIGINT'}}
   * @param fileBytes size at which a CSV file is closed and handed over
   * @param workers conversions at once
   */
  ConversionPipeline(String copySql, String csvColumns, long fileBytes, int workers) {
    this.copySql = requireNonNull(copySql, "copySql");
    this.csvColumns = requireNonNull(csvColumns, "csvColumns");
    if (fileBytes < 1 || workers < 1) {
      throw new IllegalArgumentException(
          "Cannot run the conversion pipeline: file size and workers must be positive");
    }
    this.fileBytes = fileBytes;
    this.workers = workers;
  }

  /** Runs the pipeline into {@code directory} (emptied first and left empty); nanoseconds. */
  long run(Connection source, Path directory) throws Exception {
    TransformBench.delete(directory);
    Files.createDirectories(directory);
    ExecutorService executor = Executors.newFixedThreadPool(workers);
    try (DuckDBConnection duck = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        Statement settings = duck.createStatement()) {
      settings.execute("SET threads = " + Math.max(1, workers / 2));
      List<Future<?>> conversions = new ArrayList<>();
      long started = System.nanoTime();
      CopyOut copy = source.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql);
      byte[] row = copy.readFromCopy();
      int part = 0;
      while (row != null) {
        Path csv = directory.resolve("part-" + part + ".csv");
        Path parquet = directory.resolve("part-" + part + ".parquet");
        part++;
        long bytes = 0;
        try (OutputStream out =
            new BufferedOutputStream(Files.newOutputStream(csv), BUFFER_BYTES)) {
          while (row != null && bytes < fileBytes) {
            out.write(row);
            bytes += row.length;
            row = copy.readFromCopy();
          }
        }
        conversions.add(executor.submit(() -> convert(duck, csv, parquet)));
      }
      for (Future<?> conversion : conversions) {
        conversion.get();
      }
      long elapsed = System.nanoTime() - started;
      TransformBench.delete(directory);
      return elapsed;
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Cannot convert a CSV file: " + e.getCause().getMessage(), e.getCause());
    } finally {
      executor.shutdownNow();
    }
  }

  private Void convert(DuckDBConnection duck, Path csv, Path parquet)
      throws SQLException, IOException {
    try (DuckDBConnection connection = duck.duplicate();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "COPY (SELECT * FROM read_csv('"
              + csv
              + "', header = false, auto_detect = false, delim = ',', quote = '\"', escape = '\"',"
              + " allow_quoted_nulls = false, columns = "
              + csvColumns
              + ")) TO '"
              + parquet
              + "' (FORMAT parquet)");
    }
    Files.delete(csv);
    return null;
  }
}

package io.dataplatform.bench;

import static java.util.Objects.requireNonNull;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Writes the TPC-H tables at one scale factor as typed Parquet files. The generator's text lines
 * are streamed to temporary files (one per part, parts generated in parallel) and DuckDB types them
 * and writes Parquet, so no table is ever held in memory.
 */
final class TpchDataGenerator {
  private static final long ROWS_PER_PART = 2_000_000;
  private final double scale;
  private final Path directory;

  TpchDataGenerator(double scale, Path directory) {
    this.scale = scale;
    this.directory = requireNonNull(directory, "directory");
  }

  /** Generates the files that are missing and returns the directory holding all eight. */
  Path generate() throws IOException, SQLException, InterruptedException {
    Files.createDirectories(directory);
    try (Connection duckDb = DuckDb.open("2GB")) {
      for (TpchTable table : TpchTable.ALL) {
        Path target = directory.resolve(table.parquetFileName());
        if (Files.isRegularFile(target)) {
          continue;
        }
        long started = System.nanoTime();
        writeTable(duckDb, table, target);
        System.out.printf(
            "generated %-9s %8.1f s  %,d bytes%n",
            table.name(), (System.nanoTime() - started) / 1e9, Files.size(target));
      }
    }
    return directory;
  }

  private void writeTable(Connection duckDb, TpchTable table, Path target)
      throws IOException, SQLException, InterruptedException {
    List<Path> parts = writeTextParts(table);
    Path temporary = directory.resolve(table.parquetFileName() + ".tmp");
    try (Statement statement = duckDb.createStatement()) {
      String files =
          parts.stream()
              .map(part -> DuckDb.literal(part.toString()))
              .collect(Collectors.joining(", ", "[", "]"));
      statement.execute(
          "COPY (SELECT "
              + table.columnList()
              + " FROM read_csv("
              + files
              + ", delim = '|', header = false, quote = '', escape = '', auto_detect = false,"
              + " columns = "
              + table.csvColumns()
              + ")) TO "
              + DuckDb.literal(temporary.toString())
              + " (FORMAT parquet)");
    } finally {
      for (Path part : parts) {
        Files.deleteIfExists(part);
      }
    }
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
  }

  private List<Path> writeTextParts(TpchTable table) throws IOException, InterruptedException {
    int partCount = partCount(table);
    ExecutorService executor = Executors.newFixedThreadPool(Math.min(partCount, 2));
    try {
      List<Future<Path>> futures = new ArrayList<>();
      for (int part = 1; part <= partCount; part++) {
        int number = part;
        futures.add(executor.submit(() -> writeTextPart(table, number, partCount)));
      }
      List<Path> parts = new ArrayList<>();
      for (Future<Path> future : futures) {
        parts.add(future.get());
      }
      return parts;
    } catch (ExecutionException e) {
      throw new IOException(
          "Cannot generate TPC-H table: " + e.getCause().getMessage() + " (" + table.name() + ")",
          e.getCause());
    } finally {
      executor.shutdownNow();
    }
  }

  private int partCount(TpchTable table) {
    // lineitem has about 6 million rows per unit of scale, orders 1.5 million
    long estimatedRows =
        switch (table.name()) {
          case "lineitem" -> (long) (6_000_000 * scale);
          case "orders", "partsupp" -> (long) (1_500_000 * scale);
          default -> 0;
        };
    return (int) Math.max(1, Math.min(16, estimatedRows / ROWS_PER_PART));
  }

  private Path writeTextPart(TpchTable table, int part, int partCount) {
    Path file = directory.resolve(table.name() + "." + part + ".tbl.tmp");
    io.trino.tpch.TpchTable<?> generator = io.trino.tpch.TpchTable.getTable(table.name());
    try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (io.trino.tpch.TpchEntity row : generator.createGenerator(scale, part, partCount)) {
        writer.write(row.toLine());
        writer.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}

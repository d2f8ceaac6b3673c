package io.dataplatform.lakehouse.load;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.lakehouse.io.LakeStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.duckdb.DuckDBConnection;

/**
 * The loads of one sync: a DuckDB database in a file of the work directory that stages the rows of
 * each table, spilling to disk beyond its memory limit. One thread uses a session; commits handed
 * to the background run on the session's own commit thread, one after the other.
 */
public final class LoadSession implements AutoCloseable {
  private final LakeLoads loads;
  private final Catalog catalog;
  private final LakeStorage storage;
  private final DuckDBConnection duck;
  private final Path database;
  private final List<TableLoad> tables = new ArrayList<>();
  private final BackgroundCommits commits;

  /** How many staged files a table converts at once; DuckDB runs each statement on half as many. */
  private final int threads;

  private LoadSession(
      LakeLoads loads,
      Catalog catalog,
      LakeStorage storage,
      DuckDBConnection duck,
      Path database,
      int threads) {
    this.loads = loads;
    this.threads = threads;
    this.catalog = catalog;
    this.storage = storage;
    this.duck = duck;
    this.database = database;
    this.commits = new BackgroundCommits(duck);
  }

  /**
   * Another connection to the session's database, set up as the session's own: for work on another
   * thread (a background commit, a file conversion).
   */
  static DuckDBConnection duplicate(DuckDBConnection duck) throws SQLException {
    DuckDBConnection connection = (DuckDBConnection) duck.duplicate();
    try {
      return inUtc(connection);
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  /** Timestamps with zone are read and written in UTC, whatever the machine's zone. */
  private static DuckDBConnection inUtc(DuckDBConnection connection) throws SQLException {
    try (var statement = connection.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
    }
    return connection;
  }

  static LoadSession open(
      LakeLoads loads,
      Catalog catalog,
      LakeStorage storage,
      Path workDirectory,
      int threads,
      String memoryLimit) {
    requireNonNull(workDirectory, "workDirectory");
    Path database = workDirectory.resolve("staging.duckdb");
    Path spill = workDirectory.resolve("spill");
    try {
      Files.createDirectories(spill);
      Properties properties = new Properties();
      properties.setProperty("autoinstall_known_extensions", "false");
      properties.setProperty("autoload_known_extensions", "false");
      // staged files convert several at once, one per thread: each statement gets half the cores
      properties.setProperty("threads", String.valueOf(Math.max(1, threads / 2)));
      properties.setProperty("memory_limit", memoryLimit);
      properties.setProperty("temp_directory", spill.toString());
      DuckDBConnection duck =
          DriverManager.getConnection("jdbc:duckdb:" + database, properties)
              .unwrap(DuckDBConnection.class);
      inUtc(duck);
      return new LoadSession(loads, catalog, storage, duck, database, threads);
    } catch (IOException | SQLException e) {
      throw new DpException(
          StandardErrorCode.INTERNAL_ERROR,
          "Cannot open staging database: " + e.getMessage() + " (" + database + ")",
          e);
    }
  }

  /**
   * Starts staging rows for a table, creating it (and its namespace) with {@code columns} when it
   * does not exist.
   */
  public TableLoad table(LoadTarget target, List<SourceColumn> columns) {
    return table(target, columns, CompactionThresholds.DEFAULT);
  }

  /**
   * Starts staging rows for a table as {@link #table(LoadTarget, List)} does; an upsert compacts at
   * {@code thresholds}.
   */
  public TableLoad table(
      LoadTarget target, List<SourceColumn> columns, CompactionThresholds thresholds) {
    requireNonNull(target, "target");
    requireNonNull(thresholds, "thresholds");
    Table table = loads.createIfAbsent(target, columns);
    try {
      TableLoad load =
          new TableLoad(
              catalog,
              storage,
              duck,
              target,
              table,
              "staged_" + (tables.size() + 1),
              thresholds,
              commits,
              threads);
      tables.add(load);
      return load;
    } catch (SQLException e) {
      throw new DpException(
          StandardErrorCode.INTERNAL_ERROR,
          "Cannot stage rows for " + target.table() + ": " + e.getMessage(),
          e);
    }
  }

  @Override
  public void close() {
    tables.forEach(TableLoad::drop);
    commits.close();
    try {
      duck.close();
    } catch (SQLException e) {
      // the staging database is deleted below in any case
    }
    try {
      Files.deleteIfExists(database);
      Files.deleteIfExists(database.resolveSibling(database.getFileName() + ".wal"));
    } catch (IOException e) {
      // the engine removes the work directory after the sync
    }
  }
}

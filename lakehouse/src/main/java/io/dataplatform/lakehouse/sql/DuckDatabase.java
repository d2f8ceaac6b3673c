package io.dataplatform.lakehouse.sql;

import static io.dataplatform.lakehouse.catalog.TypeMapping.literal;

import io.dataplatform.api.Cancellation;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.lakehouse.LakehouseConfig;
import io.dataplatform.lakehouse.io.LakeStorage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;

/**
 * The one in-memory DuckDB database of a lakehouse, sandboxed once at start: no extension loading,
 * no file access outside the warehouse, configuration locked. Each statement gets its own
 * connection and an attached in-memory catalog for the views over the tables it reads: its own, or
 * for a query one it shares with queries that read exactly the same views ({@link SharedCatalogs}),
 * so a statement never sees views of other tables or snapshots, while all share DuckDB's buffer
 * pool and its caches of Parquet footers and file data (Iceberg data files never change once
 * written).
 */
public final class DuckDatabase implements AutoCloseable {
  private final DuckDBConnection root;
  private final LakeStorage storage;
  private final AtomicLong statements = new AtomicLong();
  private final SharedCatalogs shared = new SharedCatalogs();

  private DuckDatabase(DuckDBConnection root, LakeStorage storage) {
    this.root = root;
    this.storage = storage;
  }

  public static DuckDatabase open(LakehouseConfig config, LakeStorage storage) {
    Properties properties = new Properties();
    properties.setProperty("autoinstall_known_extensions", "false");
    properties.setProperty("autoload_known_extensions", "false");
    properties.setProperty("threads", String.valueOf(config.threads()));
    if (!config.memoryLimit().isEmpty()) {
      properties.setProperty("memory_limit", config.memoryLimit());
    }
    try {
      Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
      try (var statement = connection.createStatement()) {
        statement.execute("SET TimeZone = 'UTC'");
        statement.execute("SET parquet_metadata_cache = true");
        statement.execute(
            "SET allowed_directories = "
                + storage.localDirectories().stream()
                    .map(directory -> literal(directory + "/"))
                    .collect(Collectors.joining(", ", "[", "]")));
        statement.execute("SET enable_external_access = false");
        statement.execute("SET lock_configuration = true");
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
      return new DuckDatabase(connection.unwrap(DuckDBConnection.class), storage);
    } catch (SQLException e) {
      throw new DpException(
          StandardErrorCode.INTERNAL_ERROR, "Cannot start DuckDB: " + e.getMessage(), e);
    }
  }

  /** A connection of its own, whose default catalog is new and empty. */
  DuckSession session() throws SQLException {
    return session(new Cancellation());
  }

  /**
   * A connection of its own, whose default catalog is new and empty, and whose running statements
   * are interrupted when {@code cancellation} is canceled.
   */
  DuckSession session(Cancellation cancellation) throws SQLException {
    cancellation.throwIfCanceled("run statement");
    String catalog = "dp_statement_" + statements.incrementAndGet();
    Connection connection = root.duplicate();
    try (var statement = connection.createStatement()) {
      statement.execute("ATTACH ':memory:' AS " + catalog + "; USE " + catalog);
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return new DuckSession(
        connection, catalog, Optional.empty(), storage.openStatement(), cancellation);
  }

  /**
   * A connection for a query, which may share its catalog with queries that read the same relations
   * ({@link DuckSession#useCatalog}); it has none until then.
   */
  DuckSession querySession(Cancellation cancellation) throws SQLException {
    cancellation.throwIfCanceled("run statement");
    String catalog = "dp_statement_" + statements.incrementAndGet();
    return new DuckSession(
        root.duplicate(), catalog, Optional.of(shared), storage.openStatement(), cancellation);
  }

  @Override
  public void close() {
    try {
      root.close();
    } catch (SQLException e) {
      // an in-memory database holds nothing that closing could lose
    }
  }
}

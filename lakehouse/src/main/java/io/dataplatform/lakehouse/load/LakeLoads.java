package io.dataplatform.lakehouse.load;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.TableId;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.lakehouse.io.LakeStorage;
import io.dataplatform.lakehouse.write.ParquetCompression;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchTableException;

/**
 * Loading rows from outside into lake tables: create or evolve a table for a stream's columns,
 * stage rows, commit them with the sync state in one Iceberg commit, and read that state back.
 */
public final class LakeLoads {
  /**
   * Manifests merged as soon as a commit adds one beside another (Iceberg's default waits for a
   * hundred). Loads commit often, a CDC stream about once a second, and each commit adds manifests
   * of its own: with the default, after a few hundred commits a keyed merge planned its snapshot
   * from about seventy small manifest files, and so did every query. Merging packs manifests into
   * bins of Iceberg's manifest target size (8 MB); a manifest that fills a bin is left as it is.
   */
  static final Map<String, String> FREQUENT_COMMITS =
      Map.of(TableProperties.MANIFEST_MIN_MERGE_COUNT, "2");

  private final Catalog catalog;
  private final LakeStorage storage;
  private final int threads;
  private final String memoryLimit;

  /**
   * @param threads how many staged files a table converts at once (each conversion runs on its own
   *     thread); DuckDB runs each staging statement and commit on half as many threads
   * @param memoryLimit DuckDB memory for staging per sync, e.g. {@code 512MB}; rows beyond it spill
   *     to the work directory
   */
  public LakeLoads(Catalog catalog, LakeStorage storage, int threads, String memoryLimit) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.storage = requireNonNull(storage, "storage");
    this.threads = threads;
    this.memoryLimit = requireNonNull(memoryLimit, "memoryLimit");
  }

  /** A session staging in {@code workDirectory}, which must exist and belong to one sync. */
  public LoadSession open(Path workDirectory) {
    return LoadSession.open(this, catalog, storage, workDirectory, threads, memoryLimit);
  }

  /** Whether the table exists. */
  public boolean exists(TableId table) {
    return catalog.tableExists(identifier(table));
  }

  /**
   * The latest commit of {@code connection}'s {@code stream} in the table's current history, or
   * empty when the table does not exist or holds no commit of that stream.
   */
  public Optional<CommittedLoad> lastCommit(TableId table, String connection, String stream) {
    Table loaded;
    try {
      loaded = catalog.loadTable(identifier(table));
    } catch (NoSuchTableException e) {
      return Optional.empty();
    }
    Snapshot snapshot = loaded.currentSnapshot();
    while (snapshot != null) {
      Optional<LoadCommit> commit = LoadCommit.fromSummary(snapshot.summary());
      if (commit.isPresent()
          && commit.get().connection().equals(connection)
          && commit.get().stream().equals(stream)) {
        return Optional.of(
            new CommittedLoad(
                snapshot.snapshotId(),
                Instant.ofEpochMilli(snapshot.timestampMillis()),
                commit.get()));
      }
      Long parent = snapshot.parentId();
      snapshot = parent == null ? null : loaded.snapshot(parent);
    }
    return Optional.empty();
  }

  /**
   * The target's table, created with {@code columns} when absent. A table created for keyed loads
   * (change data capture, deduplicated increments) is read by every merge and written in many small
   * files: it is created in snappy, the cheapest to read; one created for bulk loads (full
   * refreshes, appends) in zstd level 1, as fast to write and about half as large on text. Both
   * merge their manifests at every commit ({@link #FREQUENT_COMMITS}).
   */
  Table createIfAbsent(LoadTarget target, List<SourceColumn> columns) {
    TableIdentifier identifier = identifier(target.table());
    try {
      return catalog.loadTable(identifier);
    } catch (NoSuchTableException e) {
      // created below
    }
    if (catalog instanceof SupportsNamespaces namespaces
        && !namespaces.namespaceExists(identifier.namespace())) {
      try {
        namespaces.createNamespace(identifier.namespace());
      } catch (AlreadyExistsException e) {
        // created by a concurrent load
      }
    }
    try {
      return catalog.createTable(
          identifier,
          TargetSchema.create(columns),
          PartitionSpec.unpartitioned(),
          properties(target.mode()));
    } catch (AlreadyExistsException e) {
      return catalog.loadTable(identifier);
    }
  }

  private static Map<String, String> properties(LoadMode mode) {
    Map<String, String> properties = new HashMap<>(FREQUENT_COMMITS);
    properties.putAll(
        mode == LoadMode.UPSERT
            ? ParquetCompression.SCANNED_TABLES
            : ParquetCompression.BULK_TABLES);
    return properties;
  }

  static TableIdentifier identifier(TableId table) {
    return TableIdentifier.of(Namespace.of(table.namespace().toString()), table.name());
  }
}

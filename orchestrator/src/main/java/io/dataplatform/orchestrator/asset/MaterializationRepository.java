package io.dataplatform.orchestrator.asset;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.AssetKey;
import io.dataplatform.metastore.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Asset materializations recorded by runs. */
public final class MaterializationRepository {
  private static final String COLUMNS = "id, asset_key, run_id, partition_key, materialized_at";
  private final Jdbc jdbc;

  public MaterializationRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(requireNonNull(dataSource, "dataSource"));
  }

  public void record(AssetKey asset, long runId, Optional<String> partition, Instant time) {
    jdbc.update(
        "INSERT INTO dp_asset_materialization (asset_key, run_id, partition_key, materialized_at)"
            + " VALUES (?, ?, ?, ?)",
        asset.toString(),
        runId,
        partition.orElse(null),
        time);
  }

  /** The latest materialization of every asset that has one, in one query. */
  public Map<AssetKey, Materialization> latest() {
    Map<AssetKey, Materialization> latest = new HashMap<>();
    jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM dp_asset_materialization WHERE id IN"
            + " (SELECT MAX(id) FROM dp_asset_materialization GROUP BY asset_key)",
        row -> {
          Materialization materialization = map(row);
          return latest.put(materialization.asset(), materialization);
        });
    return latest;
  }

  public Optional<Materialization> latest(AssetKey asset) {
    return jdbc.queryOne(
        "SELECT "
            + COLUMNS
            + " FROM dp_asset_materialization WHERE asset_key = ? ORDER BY id DESC"
            + " FETCH FIRST 1 ROWS ONLY",
        MaterializationRepository::map,
        asset.toString());
  }

  /** Materializations with an id above {@code afterId}, oldest first (sensor cursors). */
  public List<Materialization> after(long afterId, int limit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM dp_asset_materialization WHERE id > ? ORDER BY id FETCH FIRST "
            + limit
            + " ROWS ONLY",
        MaterializationRepository::map,
        afterId);
  }

  public List<Materialization> ofRun(long runId) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM dp_asset_materialization WHERE run_id = ? ORDER BY id",
        MaterializationRepository::map,
        runId);
  }

  public long lastId() {
    return jdbc.queryOne(
            "SELECT MAX(id) AS last_id FROM dp_asset_materialization",
            row -> row.getLong("last_id"))
        .orElse(0L);
  }

  private static Materialization map(ResultSet row) throws SQLException {
    return new Materialization(
        row.getLong("id"),
        AssetKey.parse(row.getString("asset_key")),
        row.getLong("run_id"),
        Optional.ofNullable(row.getString("partition_key")),
        Jdbc.instant(row, "materialized_at"));
  }
}

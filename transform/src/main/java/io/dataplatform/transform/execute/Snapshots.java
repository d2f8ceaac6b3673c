package io.dataplatform.transform.execute;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.transform.TransformErrorCode;
import io.dataplatform.transform.jinja.ColumnRelation;
import io.dataplatform.transform.jinja.Relation;
import io.dataplatform.transform.jinja.SqlRunner;
import io.dataplatform.transform.project.Node;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * dbt snapshots (type-2 slowly changing dimensions): each row version gets {@code dbt_scd_id},
 * {@code dbt_updated_at}, {@code dbt_valid_from} and {@code dbt_valid_to}; a changed row (by the
 * {@code timestamp} or {@code check} strategy) closes its current version and adds a new one; with
 * hard deletes invalidated, rows gone from the source are closed.
 */
final class Snapshots {
  private static final List<String> META_COLUMNS = List.of("dbt_unique_key", "dbt_updated_at");
  private final SqlRunner runner;
  private final Materializations materializations;

  Snapshots(SqlRunner runner, Materializations materializations) {
    this.runner = requireNonNull(runner, "runner");
    this.materializations = requireNonNull(materializations, "materializations");
  }

  String snapshot(Node node, Relation relation, String sql) {
    String key = required(node, "unique_key");
    String strategy = node.configString("strategy", "timestamp");
    String now = "TIMESTAMP '" + LocalDateTime.now(ZoneOffset.UTC) + "'";
    String updated =
        switch (strategy) {
          case "timestamp" -> "CAST(" + required(node, "updated_at") + " AS TIMESTAMP)";
          case "check" -> now;
          default ->
              throw new DpException(
                  TransformErrorCode.COMPILATION_ERROR,
                  "Cannot run snapshot: unknown strategy " + strategy + " (timestamp, check)");
        };
    materializations.createSchema(relation.getSchema());
    Relation source =
        new Relation(
            relation.getSchema(), relation.getIdentifier() + "__dbt_snapshot_source", "table");
    runner.execute(
        "CREATE OR REPLACE TABLE "
            + source
            + " AS SELECT *, "
            + key
            + " AS dbt_unique_key, "
            + updated
            + " AS dbt_updated_at FROM (\n"
            + sql
            + "\n) snapshot_query");
    try {
      List<String> columns =
          runner.columns(source.getSchema(), source.getIdentifier()).stream()
              .map(ColumnRelation::getName)
              .filter(c -> !META_COLUMNS.contains(c))
              .toList();
      String list = String.join(", ", columns.stream().map(c -> "\"" + c + "\"").toList());
      String scdId =
          "md5(CAST(dbt_unique_key AS VARCHAR) || '|' || CAST(dbt_updated_at AS VARCHAR))";
      if (runner.relation(relation.getSchema(), relation.getIdentifier()).isEmpty()) {
        long rows =
            runner.execute(
                "CREATE TABLE "
                    + relation
                    + " AS SELECT "
                    + list
                    + ", "
                    + scdId
                    + " AS dbt_scd_id, dbt_updated_at, dbt_updated_at AS dbt_valid_from,"
                    + " CAST(NULL AS TIMESTAMP) AS dbt_valid_to FROM "
                    + source);
        return "OK " + rows;
      }
      return update(node, relation, source, columns, list, scdId, strategy, now);
    } finally {
      runner.execute("DROP TABLE IF EXISTS " + source);
    }
  }

  private String update(
      Node node,
      Relation relation,
      Relation source,
      List<String> columns,
      String list,
      String scdId,
      String strategy,
      String now) {
    String key = required(node, "unique_key");
    String changed = changed(node, strategy, columns);
    Relation inserts =
        new Relation(
            relation.getSchema(), relation.getIdentifier() + "__dbt_snapshot_new", "table");
    runner.execute(
        "CREATE OR REPLACE TABLE "
            + inserts
            + " AS SELECT source.* FROM "
            + source
            + " source LEFT JOIN (SELECT * FROM "
            + relation
            + " WHERE dbt_valid_to IS NULL) current_rows"
            + " ON current_rows."
            + key
            + " = source.dbt_unique_key"
            + " WHERE current_rows."
            + key
            + " IS NULL OR ("
            + changed
            + ")");
    try {
      runner.execute(
          "UPDATE "
              + relation
              + " AS current_rows SET dbt_valid_to = source.dbt_updated_at FROM "
              + source
              + " source WHERE current_rows."
              + key
              + " = source.dbt_unique_key"
              + " AND current_rows.dbt_valid_to IS NULL AND ("
              + changed
              + ")");
      if (invalidateHardDeletes(node)) {
        runner.execute(
            "UPDATE "
                + relation
                + " SET dbt_valid_to = "
                + now
                + " WHERE dbt_valid_to IS NULL AND "
                + key
                + " NOT IN (SELECT dbt_unique_key FROM "
                + source
                + ")");
      }
      long rows =
          runner.execute(
              "INSERT INTO "
                  + relation
                  + " ("
                  + list
                  + ", dbt_scd_id, dbt_updated_at, dbt_valid_from, dbt_valid_to) SELECT "
                  + list
                  + ", "
                  + scdId
                  + ", dbt_updated_at, dbt_updated_at, CAST(NULL AS TIMESTAMP) FROM "
                  + inserts);
      return "INSERT " + rows;
    } finally {
      runner.execute("DROP TABLE IF EXISTS " + inserts);
    }
  }

  private static String changed(Node node, String strategy, List<String> columns) {
    if (strategy.equals("timestamp")) {
      return "current_rows.dbt_valid_from < source.dbt_updated_at";
    }
    Object checkColumns = node.config().get("check_cols");
    List<String> checked =
        checkColumns instanceof List<?> l
            ? l.stream().map(String::valueOf).toList()
            : "all".equals(String.valueOf(checkColumns)) || checkColumns == null
                ? columns
                : List.of(String.valueOf(checkColumns));
    return String.join(
        " OR ",
        checked.stream()
            .map(c -> "current_rows.\"" + c + "\" IS DISTINCT FROM source.\"" + c + "\"")
            .toList());
  }

  private static boolean invalidateHardDeletes(Node node) {
    return "true".equalsIgnoreCase(node.configString("invalidate_hard_deletes", "false"))
        || "invalidate".equals(node.configString("hard_deletes", "ignore"));
  }

  private static String required(Node node, String key) {
    Object value = node.config().get(key);
    if (value == null) {
      throw new DpException(
          TransformErrorCode.COMPILATION_ERROR,
          "Cannot run snapshot " + node.name() + ": config " + key + " is required");
    }
    return value.toString();
  }
}

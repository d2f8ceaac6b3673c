package io.dataplatform.transform.execute;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.transform.TransformErrorCode;
import io.dataplatform.transform.jinja.ColumnRelation;
import io.dataplatform.transform.jinja.Relation;
import io.dataplatform.transform.jinja.SqlRunner;
import io.dataplatform.transform.project.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * dbt's model materializations (view, table, incremental) as lakehouse statements. A project's own
 * {@code {% materialization %}} blocks run through {@code CustomMaterializations} instead.
 */
final class Materializations {
  private final SqlRunner runner;
  private final java.util.Set<String> createdSchemas = new java.util.HashSet<>();

  Materializations(SqlRunner runner) {
    this.runner = requireNonNull(runner, "runner");
  }

  /** Creates a schema once per run; serialised because nodes run on several threads. */
  synchronized void createSchema(String schema) {
    if (createdSchemas.add(schema)) {
      runner.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
    }
  }

  /** Whether an incremental model would run incrementally (its table exists, no full refresh). */
  boolean incremental(Relation relation, boolean fullRefresh) {
    if (fullRefresh) {
      return false;
    }
    Optional<Relation> existing = runner.relation(relation.getSchema(), relation.getIdentifier());
    return existing.isPresent() && existing.get().getType().equals("table");
  }

  String view(Relation relation, String sql) {
    createSchema(relation.getSchema());
    Optional<Relation> existing = runner.relation(relation.getSchema(), relation.getIdentifier());
    if (existing.isPresent() && existing.get().getType().equals("table")) {
      runner.execute("DROP TABLE IF EXISTS " + relation);
    }
    runner.execute("CREATE OR REPLACE VIEW " + relation + " AS\n" + sql);
    return "OK";
  }

  String table(Relation relation, String sql) {
    createSchema(relation.getSchema());
    Optional<Relation> existing = runner.relation(relation.getSchema(), relation.getIdentifier());
    if (existing.isPresent() && existing.get().getType().equals("view")) {
      runner.execute("DROP VIEW IF EXISTS " + relation);
    }
    long rows = runner.execute("CREATE OR REPLACE TABLE " + relation + " AS\n" + sql);
    return "OK" + (rows > 0 ? " " + rows : "");
  }

  /**
   * Runs an incremental model: a full build the first time (or on full refresh), else the new rows
   * land in a staging table and are appended, merged or delete+inserted by {@code unique_key}.
   */
  String incremental(Node node, Relation relation, String sql, boolean incremental) {
    if (!incremental) {
      Optional<Relation> existing = runner.relation(relation.getSchema(), relation.getIdentifier());
      if (existing.isPresent() && existing.get().getType().equals("view")) {
        runner.execute("DROP VIEW IF EXISTS " + relation);
      }
      return table(relation, sql);
    }
    Relation staging =
        new Relation(relation.getSchema(), relation.getIdentifier() + "__dbt_tmp", "table");
    runner.execute("CREATE OR REPLACE TABLE " + staging + " AS\n" + sql);
    try {
      List<String> columns = reconcileSchemas(node, relation, staging);
      List<String> keys = uniqueKey(node);
      String strategy =
          node.configString("incremental_strategy", keys.isEmpty() ? "append" : "delete+insert");
      String columnList = String.join(", ", columns.stream().map(c -> "\"" + c + "\"").toList());
      long rows =
          switch (strategy) {
            case "append" ->
                runner.execute(
                    "INSERT INTO "
                        + relation
                        + " ("
                        + columnList
                        + ") SELECT "
                        + columnList
                        + " FROM "
                        + staging);
            case "delete+insert" -> deleteInsert(relation, staging, keys, columnList);
            case "merge" -> merge(relation, staging, keys, columns);
            default ->
                throw new DpException(
                    TransformErrorCode.COMPILATION_ERROR,
                    "Cannot run incremental model: unknown incremental_strategy "
                        + strategy
                        + " (append, merge, delete+insert)");
          };
      return strategy.toUpperCase() + " " + rows;
    } finally {
      runner.execute("DROP TABLE IF EXISTS " + staging);
    }
  }

  private long deleteInsert(
      Relation relation, Relation staging, List<String> keys, String columnList) {
    if (keys.isEmpty()) {
      throw new DpException(
          TransformErrorCode.COMPILATION_ERROR,
          "Cannot run incremental model: delete+insert needs a unique_key (" + relation + ")");
    }
    String keyList = String.join(", ", keys);
    runner.execute(
        "DELETE FROM "
            + relation
            + " WHERE ("
            + keyList
            + ") IN (SELECT "
            + keyList
            + " FROM "
            + staging
            + ")");
    return runner.execute(
        "INSERT INTO "
            + relation
            + " ("
            + columnList
            + ") SELECT "
            + columnList
            + " FROM "
            + staging);
  }

  private long merge(Relation relation, Relation staging, List<String> keys, List<String> columns) {
    if (keys.isEmpty()) {
      throw new DpException(
          TransformErrorCode.COMPILATION_ERROR,
          "Cannot run incremental model: merge needs a unique_key (" + relation + ")");
    }
    List<String> on = keys.stream().map(k -> "target." + k + " = source." + k).toList();
    List<String> set = columns.stream().map(c -> "\"" + c + "\" = source.\"" + c + "\"").toList();
    String quoted = String.join(", ", columns.stream().map(c -> "\"" + c + "\"").toList());
    String values = String.join(", ", columns.stream().map(c -> "source.\"" + c + "\"").toList());
    return runner.execute(
        "MERGE INTO "
            + relation
            + " AS target USING "
            + staging
            + " AS source ON "
            + String.join(" AND ", on)
            + " WHEN MATCHED THEN UPDATE SET "
            + String.join(", ", set)
            + " WHEN NOT MATCHED THEN INSERT ("
            + quoted
            + ") VALUES ("
            + values
            + ")");
  }

  /** Applies {@code on_schema_change}; returns the columns to write. */
  private List<String> reconcileSchemas(Node node, Relation relation, Relation staging) {
    Map<String, String> target = columnMap(relation);
    Map<String, String> source = columnMap(staging);
    List<String> added = new ArrayList<>();
    source
        .keySet()
        .forEach(
            c -> {
              if (!target.containsKey(c)) added.add(c);
            });
    List<String> removed = new ArrayList<>();
    target
        .keySet()
        .forEach(
            c -> {
              if (!source.containsKey(c)) removed.add(c);
            });
    String policy = node.configString("on_schema_change", "ignore");
    if (added.isEmpty() && removed.isEmpty()) {
      return new ArrayList<>(source.keySet());
    }
    switch (policy) {
      case "fail" ->
          throw new DpException(
              TransformErrorCode.COMPILATION_ERROR,
              "Cannot run incremental model: the schema changed and on_schema_change is fail (added "
                  + added
                  + ", removed "
                  + removed
                  + ")");
      case "append_new_columns" -> {
        for (String column : added) {
          runner.execute(
              "ALTER TABLE " + relation + " ADD COLUMN \"" + column + "\" " + source.get(column));
        }
      }
      case "sync_all_columns" -> {
        for (String column : added) {
          runner.execute(
              "ALTER TABLE " + relation + " ADD COLUMN \"" + column + "\" " + source.get(column));
        }
        for (String column : removed) {
          runner.execute("ALTER TABLE " + relation + " DROP COLUMN \"" + column + "\"");
        }
      }
      default -> {
        // ignore: write the columns both sides have
      }
    }
    Map<String, String> now = columnMap(relation);
    return source.keySet().stream().filter(now::containsKey).toList();
  }

  private Map<String, String> columnMap(Relation relation) {
    Map<String, String> columns = new LinkedHashMap<>();
    for (ColumnRelation column : runner.columns(relation.getSchema(), relation.getIdentifier())) {
      columns.put(column.getName(), column.getData_type());
    }
    return columns;
  }

  static List<String> uniqueKey(Node node) {
    Object value = node.config().get("unique_key");
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of(value.toString());
  }
}

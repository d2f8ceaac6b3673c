package io.dataplatform.lakehouse.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataplatform.lakehouse.scan.PredicateExtractor;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.expressions.Expression;

/** Pruning filters of a statement, from DuckDB's parse tree of it. */
final class PruningFilters {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PruningFilters() {}

  /**
   * Filters for the statement's table relations, keyed like {@link RelationExposer#key}. Empty when
   * the statement is not a plain query or has nothing to prune on.
   */
  static Map<String, Expression> extract(
      DuckSession session, String sql, List<Relation> relations, Set<String> excluded) {
    Map<String, Schema> schemas = new HashMap<>();
    for (Relation relation : relations) {
      if (relation instanceof Relation.TableRelation table
          && !excluded.contains(RelationExposer.key(relation))
          && mayHoldSeveralFiles(table)) {
        Schema schema =
            table.snapshotId() == null
                ? table.table().schema()
                : org.apache.iceberg.util.SnapshotUtil.schemaFor(table.table(), table.snapshotId());
        schemas.put(RelationExposer.key(relation), schema);
      }
    }
    if (schemas.isEmpty() || !hasWhereClause(sql)) {
      return Map.of();
    }
    try {
      List<Object[]> rows =
          DuckSession.query(session.unattached(), "SELECT json_serialize_sql(?::VARCHAR)", sql);
      JsonNode tree = JSON.readTree(String.valueOf(rows.get(0)[0]));
      if (tree.path("error").asBoolean(true)) {
        return Map.of();
      }
      return new PredicateExtractor(schemas)
          .extract(tree.path("statements"), nodes -> evaluate(session, nodes));
    } catch (SQLException | java.io.IOException e) {
      return Map.of();
    }
  }

  /**
   * Whether the table's snapshot may have files to prune: with at most one data file there is
   * nothing to choose between (DuckDB still skips row groups by their statistics), so the statement
   * is not parsed for filters on it.
   */
  private static boolean mayHoldSeveralFiles(Relation.TableRelation table) {
    org.apache.iceberg.Snapshot snapshot =
        table.snapshotId() == null
            ? table.table().currentSnapshot()
            : table.table().snapshot(table.snapshotId());
    if (snapshot == null || snapshot.summary() == null) {
      return snapshot != null;
    }
    String files = snapshot.summary().get("total-data-files");
    try {
      return files == null || Long.parseLong(files) > 1;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  /** Pruning predicates come from WHERE clauses only; without one, parsing finds nothing. */
  private static boolean hasWhereClause(String sql) {
    return SqlTokenizer.tokenize(sql).stream().anyMatch(token -> token.isWord("WHERE"));
  }

  private static List<PredicateExtractor.Constant> evaluate(
      DuckSession session, List<JsonNode> nodes) {
    List<PredicateExtractor.Constant> literals = new ArrayList<>();
    for (JsonNode node : nodes) {
      PredicateExtractor.Constant.ofLiteral(node).ifPresent(literals::add);
    }
    if (literals.size() == nodes.size()) {
      // plain literals, the common case: no statement to build and run
      return literals;
    }
    List<PredicateExtractor.Constant> constants = new ArrayList<>();
    try {
      ObjectNode statement = JSON.createObjectNode();
      statement.put("error", false);
      ObjectNode select = JSON.createObjectNode();
      select.put("type", "SELECT_NODE");
      select.set("modifiers", JSON.createArrayNode());
      ObjectNode cteMap = JSON.createObjectNode();
      cteMap.set("map", JSON.createArrayNode());
      select.set("cte_map", cteMap);
      ArrayNode list = JSON.createArrayNode();
      nodes.forEach(list::add);
      select.set("select_list", list);
      ObjectNode empty = JSON.createObjectNode();
      empty.put("type", "EMPTY");
      empty.put("alias", "");
      empty.putNull("sample");
      empty.put("query_location", 0);
      select.set("from_table", empty);
      select.putNull("where_clause");
      select.set("group_expressions", JSON.createArrayNode());
      select.set("group_sets", JSON.createArrayNode());
      select.put("aggregate_handling", "STANDARD_HANDLING");
      select.putNull("having");
      select.putNull("sample");
      select.putNull("qualify");
      ObjectNode wrapper = JSON.createObjectNode();
      wrapper.set("node", select);
      wrapper.set("named_param_map", JSON.createArrayNode());
      statement.set("statements", JSON.createArrayNode().add(wrapper));
      String sql =
          String.valueOf(
              DuckSession.query(
                      session.unattached(),
                      "SELECT json_deserialize_sql(?::JSON)",
                      statement.toString())
                  .get(0)[0]);
      try (PreparedStatement prepared = session.unattached().prepareStatement(sql);
          ResultSet rows = prepared.executeQuery()) {
        rows.next();
        for (int i = 1; i <= nodes.size(); i++) {
          String type = rows.getMetaData().getColumnTypeName(i);
          String upper = type.toUpperCase(java.util.Locale.ROOT);
          Object value =
              upper.startsWith("DATE") || upper.startsWith("TIMESTAMP")
                  ? rows.getString(i)
                  : rows.getObject(i);
          constants.add(
              new PredicateExtractor.Constant(
                  upper.startsWith("DECIMAL") ? "DECIMAL" : upper, value));
        }
      }
      return constants;
    } catch (SQLException | RuntimeException e) {
      List<PredicateExtractor.Constant> unknown = new ArrayList<>();
      nodes.forEach(node -> unknown.add(null));
      return unknown;
    }
  }
}

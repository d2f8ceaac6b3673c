package io.dataplatform.lakehouse.sql;

import static io.dataplatform.lakehouse.catalog.TypeMapping.literal;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;

/**
 * {@code SHOW SCHEMAS}, {@code SHOW TABLES [FROM ns]} and {@code DESCRIBE ns.t}, rewritten as
 * queries over the information schema; {@code SHOW TBLPROPERTIES ns.t} as a query of the table's
 * Iceberg properties.
 */
final class Introspection {
  private Introspection() {}

  static String rewrite(EngineContext context, String sql, List<SqlToken> tokens) {
    if (tokens.get(0).isWord("DESCRIBE")) {
      StatementText.Target target = StatementText.target(sql, tokens, 1, "describe table");
      if (context.tables().load(target.id()).isEmpty()
          && !context.tables().viewExists(target.id())) {
        throw new DpException(StandardErrorCode.NOT_FOUND, "Cannot find table: " + target.id());
      }
      return "SELECT column_name, data_type AS column_type, is_nullable AS \"null\", column_comment AS comment"
          + " FROM information_schema.columns WHERE table_schema = "
          + literal(target.id().namespace().toString())
          + " AND table_name = "
          + literal(target.id().name())
          + " ORDER BY ordinal_position";
    }
    if (tokens.size() >= 2
        && (tokens.get(1).isWord("SCHEMAS") || tokens.get(1).isWord("DATABASES"))
        && tokens.size() == 2) {
      return "SELECT schema_name FROM information_schema.schemata ORDER BY schema_name";
    }
    if (tokens.size() >= 2 && tokens.get(1).isWord("TBLPROPERTIES")) {
      StatementText.Target target = StatementText.target(sql, tokens, 2, "show table properties");
      if (target.lastToken() + 1 != tokens.size()) {
        throw new DpException(
            StandardErrorCode.SQL_ERROR,
            "Cannot show table properties: expected SHOW TBLPROPERTIES schema.table");
      }
      Table table =
          context
              .tables()
              .load(target.id())
              .orElseThrow(
                  () ->
                      new DpException(
                          StandardErrorCode.NOT_FOUND, "Cannot find table: " + target.id()));
      return properties(new TreeMap<>(table.properties()));
    }
    if (tokens.size() >= 2 && tokens.get(1).isWord("TABLES")) {
      if (tokens.size() == 2) {
        return "SELECT table_schema, table_name, table_type FROM information_schema.tables ORDER BY 1, 2";
      }
      if (tokens.size() == 4 && (tokens.get(2).isWord("FROM") || tokens.get(2).isWord("IN"))) {
        String namespace = tokens.get(3).identifier().toLowerCase(java.util.Locale.ROOT);
        if (!context.catalog().namespaceExists(Namespace.of(namespace))) {
          throw new DpException(StandardErrorCode.NOT_FOUND, "Cannot find schema: " + namespace);
        }
        return "SELECT table_schema, table_name, table_type FROM information_schema.tables WHERE table_schema = "
            + literal(namespace)
            + " ORDER BY 1, 2";
      }
    }
    throw new DpException(
        StandardErrorCode.NOT_SUPPORTED,
        "Cannot run statement: supported are SHOW SCHEMAS, SHOW TABLES [FROM schema], SHOW"
            + " TBLPROPERTIES schema.table and DESCRIBE schema.table ("
            + sql.strip()
            + ")");
  }

  /** A query answering {@code properties} as rows of {@code key} and {@code value}, by key. */
  private static String properties(Map<String, String> properties) {
    if (properties.isEmpty()) {
      return "SELECT CAST(NULL AS VARCHAR) AS key, CAST(NULL AS VARCHAR) AS value WHERE false";
    }
    return properties.entrySet().stream()
        .map(entry -> "(" + literal(entry.getKey()) + ", " + literal(entry.getValue()) + ")")
        .collect(
            Collectors.joining(
                ", ",
                "SELECT key, value FROM (VALUES ",
                ") AS properties(key, value) ORDER BY key"));
  }
}

package io.dataplatform.lakehouse.sql;

import static io.dataplatform.lakehouse.catalog.TypeMapping.literal;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.util.List;
import org.apache.iceberg.catalog.Namespace;

/**
 * {@code SHOW SCHEMAS}, {@code SHOW TABLES [FROM ns]} and {@code DESCRIBE ns.t}, rewritten as
 * queries over the information schema.
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
        "Cannot run statement: supported are SHOW SCHEMAS, SHOW TABLES [FROM schema] and DESCRIBE"
            + " schema.table ("
            + sql.strip()
            + ")");
  }
}

package io.dataplatform.lakehouse.sql;

import static io.dataplatform.lakehouse.sql.StatementText.skipWords;
import static io.dataplatform.lakehouse.sql.StatementText.wordAt;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.lakehouse.catalog.TypeMapping;
import io.dataplatform.lakehouse.write.ParquetCompression;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.view.ViewBuilder;

/** CREATE / DROP / ALTER of schemas, tables and views, as Iceberg catalog operations. */
final class DdlStatements {
  private final EngineContext context;

  DdlStatements(EngineContext context) {
    this.context = context;
  }

  long execute(QueryProfile profile, String sql, List<SqlToken> tokens, DmlStatements dml) {
    int i = 1;
    boolean orReplace = wordAt(tokens, 1, "OR") && wordAt(tokens, 2, "REPLACE");
    if (orReplace) {
      i = 3;
    }
    String verb = tokens.get(0).text().toUpperCase(java.util.Locale.ROOT);
    String object =
        i < tokens.size() ? tokens.get(i).text().toUpperCase(java.util.Locale.ROOT) : "";
    try {
      switch (verb + " " + object) {
        case "CREATE SCHEMA" -> createSchema(sql, tokens, i + 1);
        case "DROP SCHEMA" -> dropSchema(tokens, i + 1);
        case "CREATE TABLE" -> {
          DmlStatements.CreateMode mode =
              orReplace ? DmlStatements.CreateMode.REPLACE : DmlStatements.CreateMode.CREATE;
          return dml.createTable(profile, sql, tokens, i + 1, mode);
        }
        case "CREATE VIEW" -> createView(profile, sql, tokens, i + 1, orReplace);
        case "DROP TABLE" -> dropTable(sql, tokens, i + 1);
        case "DROP VIEW" -> dropView(sql, tokens, i + 1);
        case "ALTER TABLE" -> alterTable(sql, tokens, i + 1);
        default -> throw unsupported(verb + " " + object);
      }
      profile.planningDone();
      return 0;
    } catch (RuntimeException e) {
      throw IcebergErrors.convert(
          verb.toLowerCase(java.util.Locale.ROOT) + " " + object.toLowerCase(java.util.Locale.ROOT),
          e);
    }
  }

  private static DpException unsupported(String what) {
    return new DpException(
        StandardErrorCode.NOT_SUPPORTED, "Cannot run statement: not supported (" + what + ")");
  }

  private void createSchema(String sql, List<SqlToken> tokens, int index) {
    int i = skipWords(tokens, index, "IF", "NOT", "EXISTS");
    Namespace namespace = namespace(sql, tokens, i);
    if (i != index && context.catalog().namespaceExists(namespace)) {
      return;
    }
    context.catalog().createNamespace(namespace);
  }

  private static Namespace namespace(String sql, List<SqlToken> tokens, int index) {
    if (index != tokens.size() - 1 || !tokens.get(index).isIdentifier()) {
      throw new DpException(
          StandardErrorCode.SQL_ERROR,
          "Cannot parse statement: expected one schema name",
          SqlErrors.positionOf(
              sql, index < tokens.size() ? tokens.get(index).start() : sql.length()),
          null);
    }
    return Namespace.of(
        io.dataplatform.api.NamespaceName.of(tokens.get(index).identifier()).value());
  }

  private void dropSchema(List<SqlToken> tokens, int index) {
    int i = skipWords(tokens, index, "IF", "EXISTS");
    boolean cascade = wordAt(tokens, tokens.size() - 1, "CASCADE");
    List<SqlToken> nameTokens = cascade ? tokens.subList(0, tokens.size() - 1) : tokens;
    Namespace namespace = namespace("", nameTokens, i);
    if (!context.catalog().namespaceExists(namespace)) {
      if (i != index) {
        return;
      }
      throw new DpException(
          StandardErrorCode.NOT_FOUND, "Cannot drop schema: no such schema (" + namespace + ")");
    }
    if (cascade) {
      context.catalog().listViews(namespace).forEach(id -> context.catalog().dropView(id));
      context.catalog().listTables(namespace).forEach(id -> context.catalog().dropTable(id, true));
    }
    context.catalog().dropNamespace(namespace);
  }

  private void dropTable(String sql, List<SqlToken> tokens, int index) {
    int i = skipWords(tokens, index, "IF", "EXISTS");
    TableIdentifier id = StatementText.target(sql, tokens, i, "drop table").id();
    if (!context.catalog().dropTable(id, true) && i == index) {
      throw new DpException(StandardErrorCode.NOT_FOUND, "Cannot find table: " + id);
    }
  }

  private void dropView(String sql, List<SqlToken> tokens, int index) {
    int i = skipWords(tokens, index, "IF", "EXISTS");
    TableIdentifier id = StatementText.target(sql, tokens, i, "drop view").id();
    if (!context.catalog().dropView(id) && i == index) {
      throw new DpException(StandardErrorCode.NOT_FOUND, "Cannot find view: " + id);
    }
  }

  private void createView(
      QueryProfile profile, String sql, List<SqlToken> tokens, int index, boolean orReplace) {
    int i = skipWords(tokens, index, "IF", "NOT", "EXISTS");
    boolean ifNotExists = i != index;
    StatementText.Target target = StatementText.target(sql, tokens, i, "create view");
    if (!wordAt(tokens, target.lastToken() + 1, "AS") || target.lastToken() + 2 >= tokens.size()) {
      throw new DpException(
          StandardErrorCode.SQL_ERROR,
          "Cannot create view: expected AS <query> (" + target.id() + ")");
    }
    if (context.tables().load(target.id()).isPresent()) {
      throw new DpException(
          StandardErrorCode.ALREADY_EXISTS,
          "Cannot create view: a table has that name (" + target.id() + ")");
    }
    if (ifNotExists && context.tables().viewExists(target.id())) {
      return;
    }
    int queryStart = tokens.get(target.lastToken() + 2).start();
    String query = sql.substring(queryStart, tokens.get(tokens.size() - 1).end());
    List<ColumnDescriptorWithNull> columns = describeQuery(profile, query, queryStart, sql);
    AtomicInteger ids = new AtomicInteger();
    List<Types.NestedField> fields = new ArrayList<>();
    for (ColumnDescriptorWithNull column : columns) {
      fields.add(
          Types.NestedField.optional(
              ids.incrementAndGet(), column.name(), TypeMapping.icebergType(column.type(), ids)));
    }
    ViewBuilder builder =
        context
            .catalog()
            .buildView(target.id())
            .withSchema(new Schema(fields))
            .withDefaultNamespace(target.id().namespace())
            .withQuery("duckdb", query);
    if (orReplace) {
      builder.createOrReplace();
    } else {
      builder.create();
    }
  }

  record ColumnDescriptorWithNull(String name, String type, boolean nullable) {}

  /** The columns of a query over the lakehouse, via DuckDB's DESCRIBE. */
  List<ColumnDescriptorWithNull> describeQuery(
      QueryProfile profile, String query, int offset, String sql) {
    RelationBinder.BoundSql bound =
        new RelationBinder(context).bind(query, SqlTokenizer.tokenize(query));
    try (DuckSession session = context.duck().session()) {
      IntUnaryOperator bindToOriginal = bound.toOriginal();
      bound =
          ExternalFiles.resolve(
              bound,
              session.files(),
              sql,
              position -> bindToOriginal.applyAsInt(position) + offset);
      new RelationExposer(context, session, profile).expose(bound, Map.of(), Set.of());
      List<ColumnDescriptorWithNull> columns = new ArrayList<>();
      for (Object[] row : session.query("DESCRIBE " + bound.sql())) {
        columns.add(
            new ColumnDescriptorWithNull((String) row[0], (String) row[1], !"NO".equals(row[2])));
      }
      return columns;
    } catch (SQLException e) {
      RelationBinder.BoundSql failed = bound;
      throw SqlErrors.convert(
          e,
          "DESCRIBE " + failed.sql(),
          sql,
          position ->
              Math.max(0, failed.toOriginal().applyAsInt(Math.max(0, position - 9))) + offset);
    }
  }

  private void alterTable(String sql, List<SqlToken> tokens, int index) {
    StatementText.Target target = StatementText.target(sql, tokens, index, "alter table");
    Table table = context.catalog().loadTable(target.id());
    int i = target.lastToken() + 1;
    if (wordAt(tokens, i, "RENAME") && wordAt(tokens, i + 1, "TO")) {
      StatementText.Target renamed = StatementText.target(sql, tokens, i + 2, "rename table");
      context.catalog().renameTable(target.id(), renamed.id());
      return;
    }
    if ((wordAt(tokens, i, "SET") || wordAt(tokens, i, "UNSET"))
        && wordAt(tokens, i + 1, "TBLPROPERTIES")) {
      alterProperties(table, target.id(), tokens, i);
      return;
    }
    UpdateSchema update = table.updateSchema();
    if (wordAt(tokens, i, "ADD")) {
      int column = skipWords(tokens, i + 1, "COLUMN");
      String name = tokens.get(column).identifier();
      String typeText =
          sql.substring(tokens.get(column + 1).start(), tokens.get(tokens.size() - 1).end());
      update.addColumn(
          name, TypeMapping.icebergType(canonicalType(typeText), new AtomicInteger(1000)));
    } else if (wordAt(tokens, i, "RENAME")) {
      int column = skipWords(tokens, i + 1, "COLUMN");
      if (!wordAt(tokens, column + 1, "TO") || column + 3 != tokens.size()) {
        throw new DpException(
            StandardErrorCode.SQL_ERROR,
            "Cannot alter table: expected RENAME COLUMN a TO b (" + target.id() + ")");
      }
      update.renameColumn(tokens.get(column).identifier(), tokens.get(column + 2).identifier());
    } else if (wordAt(tokens, i, "DROP")) {
      int column = skipWords(tokens, i + 1, "COLUMN");
      update.deleteColumn(tokens.get(column).identifier());
    } else {
      throw unsupported(
          "ALTER TABLE supports ADD COLUMN, RENAME COLUMN, DROP COLUMN, RENAME TO and SET or UNSET"
              + " TBLPROPERTIES");
    }
    try {
      update.commit();
    } catch (IllegalArgumentException e) {
      throw new DpException(
          StandardErrorCode.SQL_ERROR,
          "Cannot alter table: " + e.getMessage() + " (" + target.id() + ")",
          e);
    }
  }

  /**
   * {@code SET TBLPROPERTIES ('key' = 'value', ...)} or {@code UNSET TBLPROPERTIES [IF EXISTS]
   * ('key', ...)} from token {@code index} on, in one commit. Compression properties are checked
   * before anything is changed, so a value the writers would refuse is refused here.
   */
  private static void alterProperties(
      Table table, TableIdentifier id, List<SqlToken> tokens, int index) {
    boolean set = tokens.get(index).isWord("SET");
    int i = index + 2;
    boolean ifExists = false;
    if (!set && wordAt(tokens, i, "IF") && wordAt(tokens, i + 1, "EXISTS")) {
      ifExists = true;
      i += 2;
    }
    String expected =
        set
            ? "SET TBLPROPERTIES ('key' = 'value', ...)"
            : "UNSET TBLPROPERTIES [IF EXISTS] ('key', ...)";
    if (i >= tokens.size() || !tokens.get(i).isSymbol("(")) {
      throw propertiesSyntax(expected, id);
    }
    Map<String, String> values = new LinkedHashMap<>();
    List<String> removed = new ArrayList<>();
    i++;
    while (true) {
      if (i >= tokens.size() || tokens.get(i).kind() != SqlToken.Kind.STRING) {
        throw propertiesSyntax(expected, id);
      }
      String key = tokens.get(i).stringValue();
      i++;
      if (set) {
        if (i + 1 >= tokens.size()
            || !tokens.get(i).isSymbol("=")
            || tokens.get(i + 1).kind() != SqlToken.Kind.STRING) {
          throw propertiesSyntax(expected, id);
        }
        values.put(key, tokens.get(i + 1).stringValue());
        i += 2;
      } else {
        removed.add(key);
      }
      if (i < tokens.size() && tokens.get(i).isSymbol(",")) {
        i++;
      } else {
        break;
      }
    }
    if (i + 1 != tokens.size() || !tokens.get(i).isSymbol(")")) {
      throw propertiesSyntax(expected, id);
    }
    if (!ifExists) {
      for (String key : removed) {
        if (!table.properties().containsKey(key)) {
          throw new DpException(
              StandardErrorCode.NOT_FOUND,
              "Cannot unset table property: "
                  + id
                  + " has no property '"
                  + key
                  + "' (UNSET TBLPROPERTIES IF EXISTS ignores missing ones)");
        }
      }
    }
    Map<String, String> after = new HashMap<>(table.properties());
    after.putAll(values);
    removed.forEach(after::remove);
    ParquetCompression.check(id.toString(), after);
    UpdateProperties update = table.updateProperties();
    values.forEach(update::set);
    removed.forEach(update::remove);
    update.commit();
  }

  private static DpException propertiesSyntax(String expected, TableIdentifier id) {
    return new DpException(
        StandardErrorCode.SQL_ERROR, "Cannot alter table: expected " + expected + " (" + id + ")");
  }

  private String canonicalType(String typeText) {
    try (DuckSession session = context.duck().session()) {
      return String.valueOf(
          session.query("SELECT typeof(CAST(NULL AS " + typeText + "))").get(0)[0]);
    } catch (SQLException e) {
      throw new DpException(
          StandardErrorCode.SQL_ERROR, "Cannot alter table: unknown type (" + typeText + ")", e);
    }
  }
}

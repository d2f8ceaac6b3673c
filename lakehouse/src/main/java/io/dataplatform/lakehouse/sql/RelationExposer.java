package io.dataplatform.lakehouse.sql;

import static io.dataplatform.lakehouse.catalog.TypeMapping.duckdbType;
import static io.dataplatform.lakehouse.catalog.TypeMapping.quote;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.lakehouse.scan.ParquetRelation;
import io.dataplatform.lakehouse.scan.PlannedScan;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.view.ViewMetadata;

/** Creates, in a statement's DuckDB database, the schemas and views its relations need. */
final class RelationExposer {
  private static final int MAX_VIEW_DEPTH = 16;
  private final EngineContext context;
  private final DuckSession session;
  private final QueryProfile profile;
  private final Set<String> created = new HashSet<>();
  private final Set<String> schemas = new HashSet<>();

  RelationExposer(EngineContext context, DuckSession session, QueryProfile profile) {
    this.context = context;
    this.session = session;
    this.profile = profile;
  }

  /**
   * Exposes the relations of a statement.
   *
   * @param filters pruning filters keyed by lower-case {@code schema.name}, for tables referenced
   *     once and by no view
   * @param skip relations the caller creates itself (a DML target)
   */
  void expose(RelationBinder.BoundSql bound, Map<String, Expression> filters, Set<Relation> skip)
      throws SQLException {
    for (String namespace : bound.namespaces()) {
      createSchema(namespace);
    }
    expose(bound.relations(), filters, skip);
  }

  private void expose(List<Relation> relations, Map<String, Expression> filters, Set<Relation> skip)
      throws SQLException {
    for (Relation relation : relations) {
      if (!skip.contains(relation)) {
        expose(relation, filters, 0);
      }
    }
  }

  /** Names of tables that the given relations reach through views. */
  Set<String> tablesInViews(List<Relation> relations) {
    Set<String> names = new HashSet<>();
    collectViewTables(relations, names, 0, false);
    return names;
  }

  private void collectViewTables(
      List<Relation> relations, Set<String> names, int depth, boolean inView) {
    if (depth > MAX_VIEW_DEPTH) {
      return;
    }
    for (Relation relation : relations) {
      if (relation instanceof Relation.ViewRelation view) {
        collectViewTables(bindView(view).relations(), names, depth + 1, true);
      } else if (inView) {
        names.add(key(relation));
      }
    }
  }

  static String key(Relation relation) {
    return (relation.duckSchema() + "." + relation.duckName()).toLowerCase(Locale.ROOT);
  }

  private RelationBinder.BoundSql bindView(Relation.ViewRelation view) {
    return new RelationBinder(context).bind(view.sql(), SqlTokenizer.tokenize(view.sql()));
  }

  private void expose(Relation relation, Map<String, Expression> filters, int depth)
      throws SQLException {
    String key = key(relation);
    if (!created.add(key)) {
      return;
    }
    createSchema(relation.duckSchema());
    String target = quote(relation.duckSchema()) + "." + quote(relation.duckName());
    if (relation instanceof Relation.TableRelation table) {
      Expression filter = filters.getOrDefault(key, Expressions.alwaysTrue());
      PlannedScan scan = plan(table, filter);
      session.declare(
          "CREATE VIEW " + target + " AS " + ParquetRelation.select(scan, session.files()));
    } else if (relation instanceof Relation.ViewRelation view) {
      if (depth >= MAX_VIEW_DEPTH) {
        throw new DpException(
            StandardErrorCode.SQL_ERROR,
            "Cannot expand view: views nest deeper than "
                + MAX_VIEW_DEPTH
                + " levels ("
                + view.id()
                + ")");
      }
      RelationBinder.BoundSql bound = bindView(view);
      bound = ExternalFiles.resolveInView(bound, session.files());
      bound.namespaces().forEach(this::createSchemaUnchecked);
      for (Relation inner : bound.relations()) {
        expose(inner, Map.of(), depth + 1);
      }
      session.declare("CREATE VIEW " + target + " AS " + bound.sql());
    } else if (relation instanceof Relation.MetadataRelation metadata) {
      profile.scanned(metadata.id().toString(), 0, 0, 0);
      MetadataTables.create(session, target, metadata.kind(), metadata.table());
    } else {
      informationSchema();
    }
  }

  PlannedScan plan(Relation.TableRelation table, Expression filter) {
    PlannedScan scan =
        context.planner().plan(table.table().name(), table.table(), table.snapshotId(), filter);
    profile.scanned(
        table.id().toString(), scan.filesPlanned(), scan.filesScanned(), scan.bytesScanned());
    return scan;
  }

  private void createSchemaUnchecked(String schema) {
    try {
      createSchema(schema);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot create DuckDB schema: " + e.getMessage() + " (" + schema + ")", e);
    }
  }

  void createSchema(String schema) throws SQLException {
    if (schemas.add(schema)) {
      session.declare("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
    }
  }

  private void informationSchema() throws SQLException {
    String schema = quote(Relation.InformationSchema.SCHEMA);
    createSchema(Relation.InformationSchema.SCHEMA);
    session.execute(
        "CREATE TABLE " + schema + ".schemata (catalog_name VARCHAR, schema_name VARCHAR)");
    session.execute(
        "CREATE TABLE "
            + schema
            + ".tables (table_catalog VARCHAR, table_schema VARCHAR, table_name VARCHAR, table_type VARCHAR)");
    session.execute(
        "CREATE TABLE "
            + schema
            + ".columns (table_catalog VARCHAR, table_schema VARCHAR, table_name VARCHAR, column_name VARCHAR, ordinal_position INTEGER, data_type VARCHAR, is_nullable VARCHAR, column_comment VARCHAR)");
    String catalogName = context.catalog().name();
    try (PreparedStatement schemata =
            session
                .connection()
                .prepareStatement("INSERT INTO " + schema + ".schemata VALUES (?, ?)");
        PreparedStatement tables =
            session
                .connection()
                .prepareStatement("INSERT INTO " + schema + ".tables VALUES (?, ?, ?, ?)");
        PreparedStatement columns =
            session
                .connection()
                .prepareStatement(
                    "INSERT INTO " + schema + ".columns VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Namespace namespace : context.catalog().listNamespaces()) {
        schemata.setString(1, catalogName);
        schemata.setString(2, namespace.toString());
        schemata.addBatch();
        for (TableIdentifier id : context.catalog().listTables(namespace)) {
          addObject(tables, columns, catalogName, id, "BASE TABLE");
        }
        for (TableIdentifier id : context.catalog().listViews(namespace)) {
          addObject(tables, columns, catalogName, id, "VIEW");
        }
      }
      schemata.executeBatch();
      tables.executeBatch();
      columns.executeBatch();
    }
  }

  private void addObject(
      PreparedStatement tables,
      PreparedStatement columns,
      String catalogName,
      TableIdentifier id,
      String type)
      throws SQLException {
    tables.setString(1, catalogName);
    tables.setString(2, id.namespace().toString());
    tables.setString(3, id.name());
    tables.setString(4, type);
    tables.addBatch();
    org.apache.iceberg.Schema schema;
    try {
      schema =
          type.equals("VIEW")
              ? context.tables().loadView(id).map(ViewMetadata::schema).orElse(null)
              : context.tables().load(id).map(Table::schema).orElse(null);
    } catch (RuntimeException e) {
      return;
    }
    if (schema == null) {
      return;
    }
    int position = 1;
    for (Types.NestedField field : schema.columns()) {
      columns.setString(1, catalogName);
      columns.setString(2, id.namespace().toString());
      columns.setString(3, id.name());
      columns.setString(4, field.name());
      columns.setInt(5, position++);
      columns.setString(6, duckdbType(field.type()));
      columns.setString(7, field.isOptional() ? "YES" : "NO");
      columns.setString(8, field.doc());
      columns.addBatch();
    }
  }
}

package io.dataplatform.lakehouse.sql;

import static io.dataplatform.lakehouse.catalog.TypeMapping.duckdbType;
import static io.dataplatform.lakehouse.catalog.TypeMapping.quote;
import static io.dataplatform.lakehouse.sql.StatementText.skipWords;
import static io.dataplatform.lakehouse.sql.StatementText.wordAt;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.lakehouse.catalog.TypeMapping;
import io.dataplatform.lakehouse.write.DataWriter;
import io.dataplatform.lakehouse.write.ParquetCompression;
import io.dataplatform.lakehouse.write.PartitionSpecs;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.types.Types;

/** CREATE TABLE [AS], INSERT, and the copy-on-write UPDATE / DELETE / MERGE. */
final class DmlStatements {
  private final EngineContext context;

  DmlStatements(EngineContext context) {
    this.context = context;
  }

  /** A part of the statement that is a query of its own, with its offset in the statement. */
  record Source(String sql, int offset) {}

  /** Whether CREATE TABLE may replace an existing table. */
  enum CreateMode {
    CREATE,
    REPLACE
  }

  long createTable(
      QueryProfile profile, String sql, List<SqlToken> tokens, int index, CreateMode mode) {
    int i = skipWords(tokens, index, "IF", "NOT", "EXISTS");
    boolean ifNotExists = i != index;
    StatementText.Target target = StatementText.target(sql, tokens, i, "create table");
    TableIdentifier id = target.id();
    // fails with INVALID_ARGUMENT on names other engines could not address unquoted
    io.dataplatform.api.TableId.of(id.namespace().toString(), id.name());
    if (context.tables().viewExists(id)) {
      throw new DpException(
          StandardErrorCode.ALREADY_EXISTS,
          "Cannot create table: a view has that name (" + id + ")");
    }
    if (mode == CreateMode.CREATE && context.catalog().tableExists(id)) {
      if (ifNotExists) {
        return 0;
      }
      throw new DpException(
          StandardErrorCode.ALREADY_EXISTS, "Cannot create table: it already exists (" + id + ")");
    }
    int next = target.lastToken() + 1;
    List<String> columnDefinitions = null;
    if (next < tokens.size() && tokens.get(next).isSymbol("(")) {
      int close = StatementText.closing(tokens, next);
      columnDefinitions = List.of(sql.substring(tokens.get(next).start(), tokens.get(close).end()));
      next = close + 1;
    }
    List<String> partitioning = List.of();
    if (wordAt(tokens, next, "PARTITIONED")
        && wordAt(tokens, next + 1, "BY")
        && next + 2 < tokens.size()
        && tokens.get(next + 2).isSymbol("(")) {
      int close = StatementText.closing(tokens, next + 2);
      partitioning = StatementText.items(sql, tokens, next + 2, close);
      next = close + 1;
    }
    if (wordAt(tokens, next, "AS") && next + 1 < tokens.size()) {
      int start = tokens.get(next + 1).start();
      return createTableAs(
          profile,
          id,
          mode,
          partitioning,
          new Source(sql.substring(start, tokens.get(tokens.size() - 1).end()), start),
          sql);
    }
    if (columnDefinitions == null || next != tokens.size()) {
      throw new DpException(
          StandardErrorCode.SQL_ERROR,
          "Cannot create table: expected (column type, ...) [PARTITIONED BY (...)] or AS <query> ("
              + id
              + ")");
    }
    Schema schema = schemaOf(columnDefinitions.get(0), id);
    var builder = newTable(id, schema, PartitionSpecs.parse(schema, partitioning));
    if (mode == CreateMode.REPLACE) {
      builder.createOrReplaceTransaction().commitTransaction();
    } else {
      builder.create();
    }
    profile.planningDone();
    return 0;
  }

  /** A table created by SQL: queries scan it, so its files are written in snappy. */
  private Catalog.TableBuilder newTable(TableIdentifier id, Schema schema, PartitionSpec spec) {
    return context
        .catalog()
        .buildTable(id, schema)
        .withPartitionSpec(spec)
        .withProperties(ParquetCompression.SCANNED_TABLES);
  }

  private Schema schemaOf(String definitions, TableIdentifier id) {
    try (DuckSession session = context.duck().session()) {
      session.execute("CREATE TABLE __dp_definition " + definitions);
      AtomicInteger ids = new AtomicInteger();
      List<Types.NestedField> fields = new ArrayList<>();
      for (Object[] row : session.query("DESCRIBE __dp_definition")) {
        int fieldId = ids.incrementAndGet();
        var type = TypeMapping.icebergType((String) row[1], ids);
        fields.add(
            "NO".equals(row[2])
                ? Types.NestedField.required(fieldId, (String) row[0], type)
                : Types.NestedField.optional(fieldId, (String) row[0], type));
      }
      return new Schema(fields);
    } catch (SQLException e) {
      throw new DpException(
          StandardErrorCode.SQL_ERROR,
          "Cannot create table: "
              + SqlErrors.convert(e, definitions, definitions, x -> x)
                  .getMessage()
                  .replace("Cannot run SQL: ", "")
              + " ("
              + id
              + ")",
          e);
    }
  }

  private long createTableAs(
      QueryProfile profile,
      TableIdentifier id,
      CreateMode mode,
      List<String> partitioning,
      Source source,
      String sql) {
    DdlStatements ddl = new DdlStatements(context);
    AtomicInteger ids = new AtomicInteger();
    List<Types.NestedField> fields = new ArrayList<>();
    for (var column : ddl.describeQuery(profile, source.sql(), source.offset(), sql)) {
      int fieldId = ids.incrementAndGet();
      fields.add(
          Types.NestedField.optional(
              fieldId, column.name(), TypeMapping.icebergType(column.type(), ids)));
    }
    Schema schema = new Schema(fields);
    var builder = newTable(id, schema, PartitionSpecs.parse(schema, partitioning));
    Transaction transaction =
        mode == CreateMode.REPLACE
            ? builder.createOrReplaceTransaction()
            : builder.createTransaction();
    List<DataFile> files = writeQuery(profile, transaction.table(), source, null, sql);
    try {
      AppendFiles append = transaction.newAppend();
      files.forEach(append::appendFile);
      append.commit();
      transaction.commitTransaction();
    } catch (RuntimeException e) {
      DataWriter.delete(files.stream().map(DataFile::location).toList());
      throw IcebergErrors.convert("create table", e);
    }
    return files.stream().mapToLong(DataFile::recordCount).sum();
  }

  long insert(QueryProfile profile, String sql, List<SqlToken> tokens) {
    if (!wordAt(tokens, 1, "INTO")) {
      throw new DpException(
          StandardErrorCode.NOT_SUPPORTED,
          "Cannot insert: only INSERT INTO namespace.table [(columns)] <query> is supported");
    }
    StatementText.Target target = StatementText.target(sql, tokens, 2, "insert");
    int next = target.lastToken() + 1;
    List<String> columns = null;
    if (next < tokens.size()
        && tokens.get(next).isSymbol("(")
        && !wordAt(tokens, next + 1, "SELECT")
        && !wordAt(tokens, next + 1, "WITH")) {
      int close = StatementText.closing(tokens, next);
      columns = new ArrayList<>();
      for (int i = next + 1; i < close; i++) {
        if (tokens.get(i).isIdentifier()) {
          columns.add(tokens.get(i).identifier());
        }
      }
      next = close + 1;
    }
    if (next >= tokens.size()) {
      throw new DpException(
          StandardErrorCode.SQL_ERROR,
          "Cannot insert: expected VALUES or a query (" + target.id() + ")");
    }
    Table table = loadForWrite(target.id());
    int start = tokens.get(next).start();
    Source source = new Source(sql.substring(start, tokens.get(tokens.size() - 1).end()), start);
    List<DataFile> files = writeQuery(profile, table, source, columns, sql);
    if (files.isEmpty()) {
      return 0;
    }
    try {
      AppendFiles append = table.newAppend();
      files.forEach(append::appendFile);
      append.commit();
    } catch (RuntimeException e) {
      DataWriter.delete(files.stream().map(DataFile::location).toList());
      throw IcebergErrors.convert("insert into " + target.id(), e);
    }
    return files.stream().mapToLong(DataFile::recordCount).sum();
  }

  Table loadForWrite(TableIdentifier id) {
    try {
      return context.catalog().loadTable(id);
    } catch (org.apache.iceberg.exceptions.NoSuchTableException e) {
      throw new DpException(StandardErrorCode.NOT_FOUND, "Cannot find table: " + id, e);
    }
  }

  /** Writes a query's rows as data files of the table, casting them to the table's columns. */
  private List<DataFile> writeQuery(
      QueryProfile profile, Table table, Source source, List<String> columns, String sql) {
    RelationBinder.BoundSql bound =
        new RelationBinder(context).bind(source.sql(), SqlTokenizer.tokenize(source.sql()));
    try (DuckSession session = context.duck().session(profile.cancellation())) {
      IntUnaryOperator bindToOriginal = bound.toOriginal();
      bound =
          ExternalFiles.resolve(
              bound,
              session.files(),
              sql,
              position -> bindToOriginal.applyAsInt(position) + source.offset());
      RelationExposer exposer = new RelationExposer(context, session, profile);
      Map<String, Expression> filters =
          PruningFilters.extract(
              session, bound.sql(), bound.relations(), exposer.tablesInViews(bound.relations()));
      exposer.expose(bound, filters, Set.of());
      profile.planningDone();
      int width;
      try (var prepared = session.connection().prepareStatement(bound.sql())) {
        width = prepared.getMetaData().getColumnCount();
      }
      Schema schema = table.schema();
      List<String> targetColumns =
          columns == null
              ? schema.columns().stream().map(Types.NestedField::name).toList()
              : columns;
      if (width != targetColumns.size()) {
        throw new DpException(
            StandardErrorCode.SQL_ERROR,
            "Cannot insert: the query returns "
                + width
                + " columns but "
                + targetColumns.size()
                + " are expected ("
                + table.name()
                + ")");
      }
      List<String> projections = projections(table, schema, targetColumns);
      String aliases =
          java.util.stream.IntStream.range(0, width)
              .mapToObj(i -> "\"__dp_c" + i + "\"")
              .collect(Collectors.joining(", "));
      String select =
          "SELECT "
              + String.join(", ", projections)
              + " FROM ("
              + bound.sql()
              + ") AS q("
              + aliases
              + ")";
      checkRequired(session, schema, select, table);
      return DataWriter.write(session.files(), session.connection(), table, select);
    } catch (SQLException e) {
      RelationBinder.BoundSql failed = bound;
      throw SqlErrors.convert(
          e,
          failed.sql(),
          sql,
          position -> failed.toOriginal().applyAsInt(position) + source.offset());
    }
  }

  /** Casts of the query's columns (or NULL) to each table column, in table order. */
  private static List<String> projections(Table table, Schema schema, List<String> targetColumns) {
    for (String column : targetColumns) {
      if (schema.caseInsensitiveFindField(column) == null) {
        throw new DpException(
            StandardErrorCode.SQL_ERROR,
            "Cannot insert: no such column (" + table.name() + ", " + column + ")");
      }
    }
    List<String> projections = new ArrayList<>();
    for (Types.NestedField field : schema.columns()) {
      int position = indexOfIgnoreCase(targetColumns, field.name());
      String value = position < 0 ? "NULL" : "q.\"__dp_c" + position + "\"";
      projections.add(
          "CAST(" + value + " AS " + duckdbType(field.type()) + ") AS " + quote(field.name()));
    }
    return projections;
  }

  private static void checkRequired(DuckSession session, Schema schema, String select, Table table)
      throws SQLException {
    List<String> required =
        schema.columns().stream()
            .filter(Types.NestedField::isRequired)
            .map(f -> quote(f.name()) + " IS NULL")
            .toList();
    if (required.isEmpty()) {
      return;
    }
    Object count =
        session.query(
                "SELECT count(*) FROM (" + select + ") WHERE " + String.join(" OR ", required))
            .get(0)[0];
    if (((Number) count).longValue() > 0) {
      throw new DpException(
          StandardErrorCode.SQL_ERROR,
          "Cannot insert: NULL in a NOT NULL column (" + table.name() + ")");
    }
  }

  private static int indexOfIgnoreCase(List<String> names, String name) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  long copyOnWrite(QueryProfile profile, String sql, List<SqlToken> tokens) {
    return new CopyOnWrite(context, this).execute(profile, sql, tokens);
  }
}

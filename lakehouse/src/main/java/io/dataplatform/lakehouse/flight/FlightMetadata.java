package io.dataplatform.lakehouse.flight;

import static java.util.Objects.requireNonNull;

import io.dataplatform.lakehouse.flight.MetadataQueries.Filter;
import io.dataplatform.lakehouse.sql.SqlService;
import io.dataplatform.lakehouse.sql.SqlSession;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.sql.FlightSqlProducer.Schemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Answers the Flight SQL catalog calls (catalogs, schemas, tables, table types, keys) from the
 * engine's {@code information_schema}.
 */
final class FlightMetadata {
  private static final String BASE_TABLE = "BASE TABLE";

  private final MetadataQueries queries;
  private final BufferAllocator allocator;

  FlightMetadata(SqlService sqlService, BufferAllocator allocator) {
    this.queries = new MetadataQueries(requireNonNull(sqlService, "sqlService"));
    this.allocator = requireNonNull(allocator, "allocator");
  }

  void catalogs(SqlSession session, ServerStreamListener listener) {
    List<List<String>> rows =
        queries.query(
            session,
            "SELECT DISTINCT catalog_name FROM information_schema.schemata",
            List.of(),
            "catalog_name");
    send(listener, Schemas.GET_CATALOGS_SCHEMA, rows.size(), root -> fill(root, rows));
  }

  void schemas(SqlSession session, CommandGetDbSchemas command, ServerStreamListener listener) {
    List<Filter> filters =
        List.of(
            Filter.equalTo("catalog_name", optional(command.hasCatalog(), command.getCatalog())),
            Filter.like(
                "schema_name",
                optional(command.hasDbSchemaFilterPattern(), command.getDbSchemaFilterPattern())));
    List<List<String>> rows =
        queries.query(
            session,
            "SELECT catalog_name, schema_name FROM information_schema.schemata",
            filters,
            "catalog_name, schema_name");
    send(listener, Schemas.GET_SCHEMAS_SCHEMA, rows.size(), root -> fill(root, rows));
  }

  void tables(SqlSession session, CommandGetTables command, ServerStreamListener listener) {
    List<Filter> filters =
        List.of(
            Filter.equalTo("table_catalog", optional(command.hasCatalog(), command.getCatalog())),
            Filter.like(
                "table_schema",
                optional(command.hasDbSchemaFilterPattern(), command.getDbSchemaFilterPattern())),
            Filter.like(
                "table_name",
                optional(
                    command.hasTableNameFilterPattern(), command.getTableNameFilterPattern())));
    Set<String> types = Set.copyOf(command.getTableTypesList());
    List<List<String>> rows = new ArrayList<>();
    for (List<String> row :
        queries.query(
            session,
            "SELECT table_catalog, table_schema, table_name, table_type"
                + " FROM information_schema.tables",
            filters,
            "table_catalog, table_schema, table_name")) {
      List<String> mapped = List.of(row.get(0), row.get(1), row.get(2), tableType(row.get(3)));
      if (types.isEmpty() || types.contains(mapped.get(3))) {
        rows.add(mapped);
      }
    }
    if (!command.getIncludeSchema()) {
      send(listener, Schemas.GET_TABLES_SCHEMA_NO_SCHEMA, rows.size(), root -> fill(root, rows));
      return;
    }
    Map<List<String>, List<Field>> columns = columns(session, filters);
    send(
        listener,
        Schemas.GET_TABLES_SCHEMA,
        rows.size(),
        root -> {
          fill(root, rows);
          VarBinaryVector schemas = (VarBinaryVector) root.getVector("table_schema");
          for (int i = 0; i < rows.size(); i++) {
            List<Field> fields = columns.getOrDefault(rows.get(i).subList(0, 3), List.of());
            schemas.setSafe(i, new Schema(fields).serializeAsMessage());
          }
        });
  }

  private Map<List<String>, List<Field>> columns(SqlSession session, List<Filter> filters) {
    Map<List<String>, List<Field>> columns = new LinkedHashMap<>();
    for (List<String> row :
        queries.query(
            session,
            "SELECT table_catalog, table_schema, table_name, column_name, data_type, is_nullable"
                + " FROM information_schema.columns",
            filters,
            "table_catalog, table_schema, table_name, ordinal_position")) {
      ColumnOrigin origin =
          new ColumnOrigin(
              Optional.ofNullable(row.get(0)),
              Optional.ofNullable(row.get(1)),
              Optional.of(row.get(2)),
              !"NO".equalsIgnoreCase(row.get(5)));
      columns
          .computeIfAbsent(row.subList(0, 3), key -> new ArrayList<>())
          .add(DuckDbArrowTypes.field(row.get(3), row.get(4), origin));
    }
    return columns;
  }

  void tableTypes(SqlSession session, ServerStreamListener listener) {
    Set<String> types = new TreeSet<>(List.of("TABLE", "VIEW"));
    for (List<String> row :
        queries.run(
            session, "SELECT DISTINCT table_type FROM information_schema.tables", List.of())) {
      types.add(tableType(row.get(0)));
    }
    List<List<String>> rows = types.stream().map(List::of).toList();
    send(listener, Schemas.GET_TABLE_TYPES_SCHEMA, rows.size(), root -> fill(root, rows));
  }

  /** Tables have no declared keys, so key calls answer with no rows. */
  void noRows(Schema schema, ServerStreamListener listener) {
    send(listener, schema, 0, root -> {});
  }

  /** JDBC spells ordinary tables {@code TABLE}; information_schema says {@code BASE TABLE}. */
  private static String tableType(String informationSchemaType) {
    return BASE_TABLE.equalsIgnoreCase(informationSchemaType) ? "TABLE" : informationSchemaType;
  }

  private static Optional<String> optional(boolean present, String value) {
    return present ? Optional.of(value) : Optional.empty();
  }

  /** Fills the leading text columns of a root with the given rows. */
  private static void fill(VectorSchemaRoot root, List<List<String>> rows) {
    for (int i = 0; i < rows.size(); i++) {
      List<String> row = rows.get(i);
      for (int column = 0; column < row.size(); column++) {
        VarCharVector vector = (VarCharVector) root.getVector(column);
        String value = row.get(column);
        if (value == null) {
          vector.setNull(i);
        } else {
          vector.setSafe(i, value.getBytes(StandardCharsets.UTF_8));
        }
      }
    }
  }

  private void send(
      ServerStreamListener listener,
      Schema schema,
      int rowCount,
      Consumer<VectorSchemaRoot> filler) {
    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      root.allocateNew();
      filler.accept(root);
      root.setRowCount(rowCount);
      listener.start(root);
      listener.putNext();
      listener.completed();
    }
  }
}

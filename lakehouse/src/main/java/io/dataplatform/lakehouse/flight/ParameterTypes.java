package io.dataplatform.lakehouse.flight;

import static java.util.Objects.requireNonNull;

import io.dataplatform.lakehouse.sql.SqlService;
import io.dataplatform.lakehouse.sql.SqlSession;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works out the types of a statement's {@code ?} parameters, which JDBC clients need to bind
 * values. The statement is prepared in a private, empty in-memory DuckDB that holds empty copies of
 * the tables it names (columns from {@code information_schema}), so DuckDB infers the types exactly
 * as the engine will. Parameters whose type cannot be inferred are VARCHAR.
 */
final class ParameterTypes {
  private static final Logger LOG = LoggerFactory.getLogger(ParameterTypes.class);
  private static final String IDENTIFIER = "(?:\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_$]*)";
  private static final Pattern TABLE_REFERENCE =
      Pattern.compile(
          "(?i)\\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\\s+("
              + IDENTIFIER
              + "(?:\\s*\\.\\s*"
              + IDENTIFIER
              + "){0,2})");
  private static final String FALLBACK = "VARCHAR";
  private static final String DEFAULT_CATALOG = "memory";

  private final MetadataQueries queries;

  ParameterTypes(SqlService sqlService) {
    this.queries = new MetadataQueries(requireNonNull(sqlService, "sqlService"));
  }

  Schema schema(SqlSession session, String sql) {
    int count = SqlPlaceholders.count(sql);
    if (count == 0) {
      return new Schema(List.of());
    }
    List<String> types = infer(session, sql, count);
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      fields.add(
          forJdbcBinding(DuckDbArrowTypes.field("parameter_" + (i + 1), types.get(i), true)));
    }
    return new Schema(fields);
  }

  /**
   * The Flight SQL JDBC driver writes {@code java.sql.Timestamp} and {@code java.sql.Time}
   * parameters as milliseconds whatever unit the parameter declares, so times and timestamps are
   * declared in milliseconds.
   */
  private static Field forJdbcBinding(Field field) {
    ArrowType type = field.getType();
    if (type instanceof ArrowType.Timestamp timestamp) {
      type = new ArrowType.Timestamp(TimeUnit.MILLISECOND, timestamp.getTimezone());
    } else if (type instanceof ArrowType.Time) {
      type = new ArrowType.Time(TimeUnit.MILLISECOND, 32);
    } else {
      return field;
    }
    return new Field(field.getName(), new FieldType(field.isNullable(), type, null), null);
  }

  private List<String> infer(SqlSession session, String sql, int count) {
    try (Connection shadow = openShadow()) {
      createReferencedTables(session, sql, shadow);
      try (PreparedStatement statement = shadow.prepareStatement(sql)) {
        ParameterMetaData parameters = statement.getParameterMetaData();
        List<String> types = new ArrayList<>();
        for (int i = 1; i <= parameters.getParameterCount(); i++) {
          types.add(knownOrFallback(parameters.getParameterTypeName(i)));
        }
        return types.size() == count ? types : Collections.nCopies(count, FALLBACK);
      }
    } catch (SQLException | RuntimeException e) {
      LOG.debug("Cannot infer parameter types, using VARCHAR: {}", e.getMessage());
      return Collections.nCopies(count, FALLBACK);
    }
  }

  private static String knownOrFallback(String type) {
    if (type == null || type.isBlank()) {
      return FALLBACK;
    }
    String upper = type.toUpperCase(Locale.ROOT);
    return upper.equals("INVALID") || upper.equals("UNKNOWN") || upper.equals("ANY")
        ? FALLBACK
        : type;
  }

  private static Connection openShadow() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("autoinstall_known_extensions", "false");
    properties.setProperty("autoload_known_extensions", "false");
    properties.setProperty("enable_external_access", "false");
    return DriverManager.getConnection("jdbc:duckdb:", properties);
  }

  private void createReferencedTables(SqlSession session, String sql, Connection shadow)
      throws SQLException {
    Set<String> names = referencedTableNames(sql);
    if (names.isEmpty()) {
      return;
    }
    String placeholders = String.join(", ", Collections.nCopies(names.size(), "?"));
    Map<List<String>, List<String>> tables = new LinkedHashMap<>();
    for (List<String> row :
        queries.run(
            session,
            "SELECT table_catalog, table_schema, table_name, column_name, data_type"
                + " FROM information_schema.columns WHERE lower(table_name) IN ("
                + placeholders
                + ") ORDER BY table_catalog, table_schema, table_name, ordinal_position",
            List.copyOf(names))) {
      tables
          .computeIfAbsent(row.subList(0, 3), key -> new ArrayList<>())
          .add(quote(row.get(3)) + " " + row.get(4));
    }
    try (Statement statement = shadow.createStatement()) {
      Set<String> catalogs = new LinkedHashSet<>();
      for (Map.Entry<List<String>, List<String>> table : tables.entrySet()) {
        String catalog = table.getKey().get(0);
        String schema = table.getKey().get(1);
        String name = table.getKey().get(2);
        String columns = "(" + String.join(", ", table.getValue()) + ")";
        if (catalog != null && !catalog.equals(DEFAULT_CATALOG) && catalogs.add(catalog)) {
          statement.execute("ATTACH ':memory:' AS " + quote(catalog));
        }
        for (String target : targets(catalog, schema, name)) {
          statement.execute(
              "CREATE SCHEMA IF NOT EXISTS " + target.substring(0, target.lastIndexOf('.')));
          statement.execute("CREATE TABLE IF NOT EXISTS " + target + " " + columns);
        }
      }
    }
  }

  /** The qualified names under which a table must exist so any spelling of it resolves. */
  private static List<String> targets(String catalog, String schema, String name) {
    List<String> targets = new ArrayList<>();
    if (catalog != null) {
      targets.add(quote(catalog) + "." + quote(schema) + "." + quote(name));
    }
    targets.add(quote(DEFAULT_CATALOG) + "." + quote(schema) + "." + quote(name));
    targets.add(quote(DEFAULT_CATALOG) + ".\"main\"." + quote(name));
    return targets;
  }

  static Set<String> referencedTableNames(String sql) {
    Set<String> names = new LinkedHashSet<>();
    Matcher matcher = TABLE_REFERENCE.matcher(sql);
    while (matcher.find()) {
      String reference = matcher.group(1);
      String last = reference.substring(reference.lastIndexOf('.') + 1).trim();
      if (last.startsWith("\"")) {
        last = last.substring(1, last.length() - 1);
      }
      names.add(last.toLowerCase(Locale.ROOT));
    }
    return names;
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}

package io.dataplatform.lakehouse.scan;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.iceberg.Schema;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Finds pruning predicates in a DuckDB parse tree ({@code json_serialize_sql}): the conjuncts of
 * each WHERE clause of the form {@code column <op> constant}, {@code BETWEEN} and {@code IN}, on a
 * table that the statement references exactly once. A predicate is only kept when its constant
 * converts to the column's type exactly, so pruning never drops a matching row.
 */
public final class PredicateExtractor {
  private static final Set<String> VOLATILE =
      Set.of("random", "uuid", "gen_random_uuid", "nextval", "setseed");
  private static final Set<String> INTEGER_LITERALS = Set.of("INTEGER", "BIGINT");

  /** A constant of the statement with the DuckDB type of its value. */
  public record Constant(String type, Object value) {
    /**
     * The value of a plain integer or string literal, read from the parse tree as DuckDB would
     * evaluate it; empty for any other expression (casts, arithmetic, decimals, NULL), which only
     * DuckDB can evaluate.
     */
    public static Optional<Constant> ofLiteral(JsonNode node) {
      if (!"VALUE_CONSTANT".equals(node.path("type").asText())) {
        return Optional.empty();
      }
      JsonNode literal = node.path("value");
      JsonNode value = literal.path("value");
      String type = literal.path("type").path("id").asText();
      if (literal.path("is_null").asBoolean(true)) {
        return Optional.empty();
      }
      if (INTEGER_LITERALS.contains(type) && value.isIntegralNumber() && value.canConvertToLong()) {
        return Optional.of(new Constant(type, value.longValue()));
      }
      if (type.equals("VARCHAR") && value.isTextual()) {
        return Optional.of(new Constant(type, value.textValue()));
      }
      return Optional.empty();
    }
  }

  private record Reference(String key, String alias) {}

  private record Candidate(
      String key, Types.NestedField column, String op, List<JsonNode> values) {}

  private final Map<String, Schema> schemas;
  private final Map<String, Integer> occurrences = new HashMap<>();
  private final List<Candidate> candidates = new ArrayList<>();

  /**
   * @param schemas the schemas of the referenced tables, keyed by lower-case {@code ns.table}
   */
  public PredicateExtractor(Map<String, Schema> schemas) {
    this.schemas = Map.copyOf(schemas);
  }

  /**
   * Extracts filters per table key.
   *
   * @param evaluator evaluates constant expressions (parse-tree nodes) in one batch; a null entry
   *     means the value is unknown
   */
  public Map<String, Expression> extract(
      JsonNode statement, Function<List<JsonNode>, List<Constant>> evaluator) {
    walk(statement);
    List<JsonNode> nodes = new ArrayList<>();
    for (Candidate candidate : candidates) {
      nodes.addAll(candidate.values());
    }
    if (nodes.isEmpty()) {
      return Map.of();
    }
    List<Constant> constants = evaluator.apply(nodes);
    Map<String, Expression> filters = new HashMap<>();
    int index = 0;
    for (Candidate candidate : candidates) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < candidate.values().size(); i++) {
        values.add(icebergValue(candidate.column().type(), constants.get(index++)));
      }
      if (occurrences.getOrDefault(candidate.key(), 0) != 1 || values.contains(null)) {
        continue;
      }
      Expression expression = expression(candidate, values);
      filters.merge(candidate.key(), expression, Expressions::and);
    }
    return filters;
  }

  private void walk(JsonNode node) {
    if (node.isArray()) {
      node.forEach(this::walk);
      return;
    }
    if (!node.isObject()) {
      return;
    }
    if ("BASE_TABLE".equals(node.path("type").asText()) && node.has("table_name")) {
      occurrences.merge(key(node), 1, Integer::sum);
    }
    if ("SELECT_NODE".equals(node.path("type").asText())) {
      List<Reference> references = new ArrayList<>();
      collectTables(node.path("from_table"), references);
      conjuncts(node.path("where_clause"), references);
    }
    node.forEach(this::walk);
  }

  private static String key(JsonNode table) {
    return (table.path("schema_name").asText() + "." + table.path("table_name").asText())
        .toLowerCase(Locale.ROOT);
  }

  private void collectTables(JsonNode from, List<Reference> references) {
    String type = from.path("type").asText();
    if (type.equals("BASE_TABLE")) {
      String alias = from.path("alias").asText();
      String name = alias.isEmpty() ? from.path("table_name").asText() : alias;
      references.add(new Reference(key(from), name.toLowerCase(Locale.ROOT)));
    } else if (type.equals("JOIN")) {
      collectTables(from.path("left"), references);
      collectTables(from.path("right"), references);
    }
  }

  private void conjuncts(JsonNode expression, List<Reference> references) {
    String type = expression.path("type").asText();
    switch (type) {
      case "CONJUNCTION_AND" ->
          expression.path("children").forEach(child -> conjuncts(child, references));
      case "COMPARE_EQUAL",
          "COMPARE_NOTEQUAL",
          "COMPARE_LESSTHAN",
          "COMPARE_GREATERTHAN",
          "COMPARE_LESSTHANOREQUALTO",
          "COMPARE_GREATERTHANOREQUALTO" ->
          comparison(expression, type, references);
      case "COMPARE_BETWEEN" -> {
        JsonNode input = expression.path("input");
        addCandidate(input, "GE", List.of(expression.path("lower")), references);
        addCandidate(input, "LE", List.of(expression.path("upper")), references);
      }
      case "COMPARE_IN" -> {
        List<JsonNode> children = new ArrayList<>();
        expression.path("children").forEach(children::add);
        if (children.size() > 1) {
          addCandidate(children.get(0), "IN", children.subList(1, children.size()), references);
        }
      }
      default -> {}
    }
  }

  private void comparison(JsonNode expression, String type, List<Reference> references) {
    String op = type.substring("COMPARE_".length());
    JsonNode left = expression.path("left");
    JsonNode right = expression.path("right");
    if (isColumn(left)) {
      addCandidate(left, op, List.of(right), references);
    } else if (isColumn(right)) {
      addCandidate(right, flip(op), List.of(left), references);
    }
  }

  private static String flip(String op) {
    return switch (op) {
      case "LESSTHAN" -> "GREATERTHAN";
      case "GREATERTHAN" -> "LESSTHAN";
      case "LESSTHANOREQUALTO" -> "GREATERTHANOREQUALTO";
      case "GREATERTHANOREQUALTO" -> "LESSTHANOREQUALTO";
      default -> op;
    };
  }

  private static boolean isColumn(JsonNode node) {
    return "COLUMN_REF".equals(node.path("class").asText());
  }

  private void addCandidate(
      JsonNode column, String op, List<JsonNode> values, List<Reference> references) {
    if (!isColumn(column) || !values.stream().allMatch(PredicateExtractor::isConstant)) {
      return;
    }
    List<String> names = new ArrayList<>();
    column.path("column_names").forEach(name -> names.add(name.asText().toLowerCase(Locale.ROOT)));
    Reference match = null;
    Types.NestedField field = null;
    for (Reference reference : references) {
      Schema schema = schemas.get(reference.key());
      if (schema == null) {
        continue;
      }
      boolean aliasMatches = names.size() == 2 && names.get(0).equals(reference.alias());
      if (names.size() == 1 || aliasMatches) {
        Types.NestedField found = schema.caseInsensitiveFindField(names.get(names.size() - 1));
        if (found != null && schema.columns().contains(found)) {
          if (match != null) {
            return;
          }
          match = reference;
          field = found;
        }
      }
    }
    if (match != null) {
      candidates.add(new Candidate(match.key(), field, op, values));
    }
  }

  private static boolean isConstant(JsonNode node) {
    if (node.isObject()) {
      String nodeClass = node.path("class").asText();
      if (nodeClass.equals("COLUMN_REF")
          || nodeClass.equals("PARAMETER")
          || nodeClass.equals("SUBQUERY")) {
        return false;
      }
      if (VOLATILE.contains(node.path("function_name").asText().toLowerCase(Locale.ROOT))) {
        return false;
      }
    }
    for (JsonNode child : node) {
      if (!isConstant(child)) {
        return false;
      }
    }
    return true;
  }

  private static Expression expression(Candidate candidate, List<Object> values) {
    String name = candidate.column().name();
    Object value = values.get(0);
    return switch (candidate.op()) {
      case "EQUAL" -> Expressions.equal(name, value);
      case "NOTEQUAL" -> Expressions.notEqual(name, value);
      case "LESSTHAN" -> Expressions.lessThan(name, value);
      case "GREATERTHAN" -> Expressions.greaterThan(name, value);
      case "LESSTHANOREQUALTO", "LE" -> Expressions.lessThanOrEqual(name, value);
      case "GREATERTHANOREQUALTO", "GE" -> Expressions.greaterThanOrEqual(name, value);
      case "IN" -> Expressions.in(name, values.toArray());
      default -> Expressions.alwaysTrue();
    };
  }

  /** The constant as an Iceberg literal value of the column's type, or null when not exact. */
  static Object icebergValue(Type type, Constant constant) {
    if (constant == null || constant.value() == null) {
      return null;
    }
    String duckType = constant.type().toUpperCase(Locale.ROOT);
    Object value = constant.value();
    try {
      switch (type.typeId()) {
        case INTEGER:
        case LONG:
          return isIntegral(duckType) ? ((Number) value).longValue() : null;
        case DECIMAL:
          int scale = ((Types.DecimalType) type).scale();
          if (isIntegral(duckType)) {
            return BigDecimal.valueOf(((Number) value).longValue()).setScale(scale);
          }
          if (value instanceof BigDecimal decimal && decimal.scale() <= scale) {
            return decimal.setScale(scale);
          }
          return null;
        case STRING:
          return duckType.equals("VARCHAR") ? value.toString() : null;
        case DATE:
          if (duckType.equals("DATE") || duckType.equals("VARCHAR")) {
            return (int) LocalDate.parse(value.toString()).toEpochDay();
          }
          String text = value.toString();
          if (duckType.equals("TIMESTAMP")
              && text.matches("\\d{4}-\\d\\d-\\d\\d 00:00:00(\\.0+)?")) {
            // date + interval is a timestamp in DuckDB; at midnight it equals the date exactly
            return (int) LocalDate.parse(text.substring(0, 10)).toEpochDay();
          }
          return null;
        case TIMESTAMP:
          if (((Types.TimestampType) type).shouldAdjustToUTC() || !duckType.equals("TIMESTAMP")) {
            return null;
          }
          LocalDateTime time = LocalDateTime.parse(value.toString().replace(' ', 'T'));
          return ChronoUnit.MICROS.between(
              LocalDateTime.of(1970, 1, 1, 0, 0).atOffset(ZoneOffset.UTC),
              time.atOffset(ZoneOffset.UTC));
        default:
          return null;
      }
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static boolean isIntegral(String duckType) {
    return Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER")
        .contains(duckType);
  }
}

package io.dataplatform.lakehouse.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Literals read from DuckDB's own parse trees, against what DuckDB evaluates them to. */
class TestConstantLiterals {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void integerAndStringLiteralsAreReadAsDuckDbTypesThem() throws Exception {
    List<Optional<PredicateExtractor.Constant>> literals =
        rightSides(
            "SELECT 1 FROM t WHERE a = 250 AND b > -5 AND c < 5000000000 AND d = 'eu'"
                + " AND e = '2024-01-01'");
    assertEquals(
        List.of(
            Optional.of(new PredicateExtractor.Constant("INTEGER", 250L)),
            Optional.of(new PredicateExtractor.Constant("INTEGER", -5L)),
            Optional.of(new PredicateExtractor.Constant("BIGINT", 5_000_000_000L)),
            Optional.of(new PredicateExtractor.Constant("VARCHAR", "eu")),
            Optional.of(new PredicateExtractor.Constant("VARCHAR", "2024-01-01"))),
        literals);
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        PreparedStatement typed =
            duck.prepareStatement("SELECT typeof(250), typeof(-5), typeof(5000000000)");
        ResultSet types = typed.executeQuery()) {
      types.next();
      assertEquals("INTEGER", types.getString(1));
      assertEquals("INTEGER", types.getString(2));
      assertEquals("BIGINT", types.getString(3));
    }
  }

  @Test
  void otherExpressionsAreLeftToDuckDb() throws Exception {
    List<Optional<PredicateExtractor.Constant>> literals =
        rightSides(
            "SELECT 1 FROM t WHERE a = 1.5 AND b = NULL AND c = DATE '2024-01-01' AND d = 2 + 3"
                + " AND e = 170141183460469231731687303715884105727");
    assertEquals(
        List.of(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()),
        literals);
  }

  /** The right side of each comparison of the statement's WHERE clause, as a literal. */
  private static List<Optional<PredicateExtractor.Constant>> rightSides(String sql)
      throws Exception {
    JsonNode tree;
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        PreparedStatement serialize =
            duck.prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
      serialize.setString(1, sql);
      try (ResultSet rows = serialize.executeQuery()) {
        rows.next();
        tree = JSON.readTree(rows.getString(1));
      }
    }
    List<Optional<PredicateExtractor.Constant>> literals = new ArrayList<>();
    for (JsonNode comparison :
        tree.path("statements").get(0).path("node").path("where_clause").path("children")) {
      literals.add(PredicateExtractor.Constant.ofLiteral(comparison.path("right")));
    }
    return literals;
  }
}

package io.dataplatform.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestTpchQuery {
  @Test
  void loadsAllTwentyTwoQueries() {
    List<TpchQuery> queries = TpchQuery.load(List.of());
    assertEquals(22, queries.size());
    for (TpchQuery query : queries) {
      String sql = query.sql("dp.tpch", 1);
      assertFalse(sql.contains("${"), query.label() + " has an unreplaced placeholder");
      assertTrue(sql.contains("dp.tpch."), query.label() + " names no table");
      assertFalse(sql.endsWith(";"), query.label());
    }
  }

  @Test
  void scalesTheFractionOfQueryElevenWithTheScaleFactor() {
    TpchQuery q11 = TpchQuery.load(List.of(11)).get(0);
    assertEquals("Q11", q11.label());
    assertTrue(q11.sql("tpch", 1).contains("* 0.0001"), q11.sql("tpch", 1));
    assertTrue(q11.sql("tpch", 0.01).contains("* 0.01\n"), q11.sql("tpch", 0.01));
    assertTrue(q11.sql("tpch", 100).contains("* 0.000001\n"), q11.sql("tpch", 100));
    assertTrue(q11.sql("tpch", 3).contains("* 0.00003333333333333333\n"), q11.sql("tpch", 3));
  }
}

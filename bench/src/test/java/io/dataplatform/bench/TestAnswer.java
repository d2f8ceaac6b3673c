package io.dataplatform.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestAnswer {
  private static Answer answer(Object[]... rows) {
    return Answer.of(Arrays.stream(rows).map(Arrays::asList).toList());
  }

  @Test
  void normalisesNumbersDatesAndNull() {
    assertEquals("25.52", Answer.normalise(25.522073));
    assertEquals("0.05", Answer.normalise(new BigDecimal("0.049985")));
    assertEquals("1478493.00", Answer.normalise(1478493L));
    assertEquals("1995-03-15", Answer.normalise(Date.valueOf("1995-03-15")));
    assertEquals("1995-03-15", Answer.normalise(LocalDate.of(1995, 3, 15)));
    assertEquals("NULL", Answer.normalise(null));
    assertEquals("BUILDING", Answer.normalise("BUILDING"));
  }

  @Test
  void matchesAcrossNumberTypes() {
    Answer decimal = answer(new Object[] {"A", new BigDecimal("38273.129734"), 1478493L});
    Answer real = answer(new Object[] {"A", 38273.12973462, 1478493});
    assertEquals("MATCH", decimal.compareWith(real));
  }

  @Test
  void toleratesOneUnitInTheLastPlace() {
    assertEquals(
        "MATCH", answer(new Object[] {0.125}).compareWith(answer(new Object[] {0.1249999})));
  }

  @Test
  void reportsRowsInAnotherOrder() {
    Answer first = answer(new Object[] {"x", 1}, new Object[] {"y", 1});
    Answer second = answer(new Object[] {"y", 1}, new Object[] {"x", 1});
    assertEquals("MATCH (order)", first.compareWith(second));
  }

  @Test
  void reportsTheFirstDifferingRow() {
    Answer expected = answer(new Object[] {"x", 1}, new Object[] {"y", 2});
    Answer actual = answer(new Object[] {"x", 1}, new Object[] {"y", 3});
    assertEquals("DIFF: row 2 [y, 2.00] vs [y, 3.00]", expected.compareWith(actual));
  }

  @Test
  void reportsADifferentRowCount() {
    Answer expected = answer(new Object[] {"x"}, new Object[] {"y"});
    assertEquals("DIFF: 2 rows vs 1", expected.compareWith(answer(new Object[] {"x"})));
    assertEquals(List.of(), Answer.of(List.of()).rows());
  }
}

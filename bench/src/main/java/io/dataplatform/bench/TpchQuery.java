package io.dataplatform.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the 22 TPC-H queries with the validation parameters of the specification. The text names
 * tables as {@code ${tpch}.<table>}; {@link #sql} puts the engine's schema there.
 */
record TpchQuery(int number, String template) {
  static final int COUNT = 22;

  TpchQuery {
    requireNonNull(template, "template");
  }

  /** Loads all 22 queries, or only those whose number is in {@code numbers} when not empty. */
  static List<TpchQuery> load(List<Integer> numbers) {
    List<TpchQuery> queries = new ArrayList<>();
    for (int number = 1; number <= COUNT; number++) {
      if (numbers.isEmpty() || numbers.contains(number)) {
        queries.add(new TpchQuery(number, resource(number)));
      }
    }
    return queries;
  }

  private static String resource(int number) {
    String name = String.format("/tpch/q%02d.sql", number);
    try (InputStream in = TpchQuery.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Cannot load TPC-H query: missing resource (" + name + ")");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The query text for tables in {@code schema} at scale factor {@code scale}. */
  String sql(String schema, double scale) {
    // Q11's FRACTION is 0.0001 divided by the scale factor (clause 2.4.11.3)
    String fraction =
        BigDecimal.valueOf(0.0001)
            .divide(BigDecimal.valueOf(scale), MathContext.DECIMAL64)
            .stripTrailingZeros()
            .toPlainString();
    return template.replace("${tpch}", schema).replace("${q11_fraction}", fraction).strip();
  }

  /** The label printed in reports, e.g. {@code Q07}. */
  String label() {
    return String.format("Q%02d", number);
  }
}

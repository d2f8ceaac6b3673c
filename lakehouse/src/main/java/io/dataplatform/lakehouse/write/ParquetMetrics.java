package io.dataplatform.lakehouse.write;

import io.dataplatform.lakehouse.scan.ParquetRelation;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Comparators;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** Iceberg column metrics of Parquet files, read from DuckDB's {@code parquet_metadata()}. */
final class ParquetMetrics {
  private ParquetMetrics() {}

  /** Metrics per file path. */
  static Map<String, Metrics> read(Connection duck, Schema schema, List<String> paths)
      throws SQLException {
    Map<String, Long> rows = new HashMap<>();
    String list = ParquetRelation.pathList(paths);
    try (var statement =
            duck.prepareStatement(
                "SELECT file_name, sum(n) FROM (SELECT DISTINCT file_name, row_group_id,"
                    + " row_group_num_rows AS n FROM parquet_metadata("
                    + list
                    + ")) GROUP BY file_name");
        ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        rows.put(result.getString(1), result.getLong(2));
      }
    }
    Map<String, Accumulator> columns = new HashMap<>();
    try (var statement =
            duck.prepareStatement(
                "SELECT file_name, path_in_schema, stats_min_value, stats_max_value, stats_null_count,"
                    + " num_values, total_compressed_size FROM parquet_metadata("
                    + list
                    + ")");
        ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        Types.NestedField field = schema.caseInsensitiveFindField(result.getString(2));
        if (field == null || !schema.columns().contains(field)) {
          continue;
        }
        columns.computeIfAbsent(result.getString(1), file -> new Accumulator()).add(field, result);
      }
    }
    Map<String, Metrics> metrics = new HashMap<>();
    for (String path : paths) {
      Accumulator accumulator = columns.getOrDefault(path, new Accumulator());
      metrics.put(path, accumulator.metrics(rows.getOrDefault(path, 0L)));
    }
    return metrics;
  }

  private static final class Accumulator {
    private final Map<Integer, Long> sizes = new HashMap<>();
    private final Map<Integer, Long> values = new HashMap<>();
    private final Map<Integer, Long> nulls = new HashMap<>();
    private final Map<Integer, Object> lower = new HashMap<>();
    private final Map<Integer, Object> upper = new HashMap<>();
    private final Map<Integer, Type> types = new HashMap<>();
    private final java.util.Set<Integer> noBounds = new java.util.HashSet<>();

    void add(Types.NestedField field, ResultSet row) throws SQLException {
      int id = field.fieldId();
      types.put(id, field.type());
      sizes.merge(id, row.getLong(7), Long::sum);
      values.merge(id, row.getLong(6), Long::sum);
      long nullCount = row.getLong(5);
      boolean nullUnknown = row.wasNull();
      nulls.merge(id, nullCount, Long::sum);
      if (nullUnknown) {
        nulls.put(id, -1L);
      }
      Object min = parse(field.type(), row.getString(3));
      Object max = parse(field.type(), row.getString(4));
      if (min == null || max == null) {
        long rowsInGroup = row.getLong(6);
        if (!(nullCount == rowsInGroup && !nullUnknown)) {
          noBounds.add(id);
        }
        return;
      }
      Comparator<Object> comparator = Comparators.forType(field.type().asPrimitiveType());
      lower.merge(id, min, (a, b) -> comparator.compare(a, b) <= 0 ? a : b);
      upper.merge(id, max, (a, b) -> comparator.compare(a, b) >= 0 ? a : b);
    }

    Metrics metrics(long rowCount) {
      Map<Integer, ByteBuffer> lowerBounds = new HashMap<>();
      Map<Integer, ByteBuffer> upperBounds = new HashMap<>();
      for (var entry : lower.entrySet()) {
        int id = entry.getKey();
        if (!noBounds.contains(id)) {
          lowerBounds.put(id, Conversions.toByteBuffer(types.get(id), entry.getValue()));
          upperBounds.put(id, Conversions.toByteBuffer(types.get(id), upper.get(id)));
        }
      }
      Map<Integer, Long> nullCounts = new HashMap<>(nulls);
      nullCounts.values().removeIf(count -> count < 0);
      return new Metrics(rowCount, sizes, values, nullCounts, null, lowerBounds, upperBounds);
    }
  }

  /**
   * The Iceberg value of a DuckDB statistics string, or null when it cannot be exact. Floating
   * point columns get no bounds: DuckDB orders NaN above every number, Iceberg's bounds leave it
   * out, so pruning with them could drop rows DuckDB would match.
   */
  private static Object parse(Type type, String text) {
    if (text == null) {
      return null;
    }
    try {
      switch (type.typeId()) {
        case INTEGER:
          return Integer.parseInt(text);
        case LONG:
          return Long.parseLong(text);
        case DATE:
          return (int) LocalDate.parse(text).toEpochDay();
        case TIMESTAMP:
          if (((Types.TimestampType) type).shouldAdjustToUTC()) {
            return null;
          }
          LocalDateTime time = LocalDateTime.parse(text.replace(' ', 'T'));
          return ChronoUnit.MICROS.between(
              LocalDateTime.of(1970, 1, 1, 0, 0).atOffset(ZoneOffset.UTC),
              time.atOffset(ZoneOffset.UTC));
        case STRING:
          return text;
        case DECIMAL:
          BigDecimal decimal = new BigDecimal(text);
          return decimal.scale() == ((Types.DecimalType) type).scale() ? decimal : null;
        default:
          return null;
      }
    } catch (RuntimeException e) {
      return null;
    }
  }
}

package io.dataplatform.lakehouse.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Types;
import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;

class TestDuckDbArrowTypes {
  private static ArrowType type(String duckDbType) {
    return DuckDbArrowTypes.field("c", duckDbType, true).getType();
  }

  @Test
  void scalarTypesMatchDuckDbArrowExport() {
    assertEquals(new ArrowType.Int(32, true), type("INTEGER"));
    assertEquals(new ArrowType.Int(64, false), type("UBIGINT"));
    assertEquals(new ArrowType.Decimal(15, 2, 128), type("DECIMAL(15,2)"));
    assertEquals(new ArrowType.Decimal(38, 0, 128), type("HUGEINT"));
    assertEquals(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE), type("FLOAT"));
    assertEquals(new ArrowType.Date(DateUnit.DAY), type("DATE"));
    assertEquals(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null), type("TIMESTAMP"));
    assertEquals(
        new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"), type("TIMESTAMP WITH TIME ZONE"));
    assertEquals(new ArrowType.Timestamp(TimeUnit.NANOSECOND, null), type("TIMESTAMP_NS"));
    assertEquals(ArrowType.Utf8.INSTANCE, type("VARCHAR"));
    assertEquals(ArrowType.Utf8.INSTANCE, type("ENUM('a', 'b')"));
    assertEquals(ArrowType.Utf8.INSTANCE, type("UUID"));
    assertEquals(ArrowType.Binary.INSTANCE, type("BLOB"));
  }

  @Test
  void nestedTypesKeepTheirChildren() {
    Field list = DuckDbArrowTypes.field("c", "DECIMAL(9,3)[][]", true);
    assertEquals(ArrowType.List.INSTANCE, list.getType());
    Field inner = list.getChildren().get(0);
    assertEquals(ArrowType.List.INSTANCE, inner.getType());
    assertEquals(new ArrowType.Decimal(9, 3, 128), inner.getChildren().get(0).getType());

    Field struct =
        DuckDbArrowTypes.field("c", "STRUCT(a INTEGER, \"b c\" MAP(VARCHAR, DOUBLE[]))", true);
    assertEquals(ArrowType.Struct.INSTANCE, struct.getType());
    assertEquals(List.of("a", "b c"), struct.getChildren().stream().map(Field::getName).toList());
    Field map = struct.getChildren().get(1);
    assertEquals(new ArrowType.Map(false), map.getType());
    Field entries = map.getChildren().get(0);
    assertEquals(ArrowType.Utf8.INSTANCE, entries.getChildren().get(0).getType());
    assertEquals(ArrowType.List.INSTANCE, entries.getChildren().get(1).getType());

    assertEquals(new ArrowType.FixedSizeList(3), type("INTEGER[3]"));
  }

  @Test
  void jdbcTypesAndTypeNamesRoundTrip() {
    assertEquals(Types.DECIMAL, DuckDbArrowTypes.jdbcType("DECIMAL(15,2)"));
    assertEquals(Types.TIMESTAMP_WITH_TIMEZONE, DuckDbArrowTypes.jdbcType("TIMESTAMPTZ"));
    assertEquals(Types.ARRAY, DuckDbArrowTypes.jdbcType("VARCHAR[]"));
    for (String name :
        List.of("INTEGER", "DECIMAL(15,2)", "DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE")) {
      assertEquals(name, DuckDbArrowTypes.typeName(type(name)));
    }
  }

  @Test
  void placeholdersOutsideLiteralsAndCommentsAreCounted() {
    assertEquals(0, SqlPlaceholders.count("SELECT 1"));
    assertEquals(2, SqlPlaceholders.count("SELECT * FROM t WHERE a = ? AND b = ?"));
    assertEquals(
        1,
        SqlPlaceholders.count(
            "SELECT '?', \"?col\" FROM t -- why?\n WHERE /* ? */ x = ? AND y = 'it''s?'"));
  }

  @Test
  void referencedTablesAreFoundForParameterInference() {
    assertEquals(
        java.util.Set.of("people", "orders", "scratch"),
        ParameterTypes.referencedTableNames(
            "INSERT INTO demo.scratch SELECT * FROM lake.demo.\"People\" p"
                + " JOIN orders o ON p.id = o.id WHERE p.id = ?"));
  }
}

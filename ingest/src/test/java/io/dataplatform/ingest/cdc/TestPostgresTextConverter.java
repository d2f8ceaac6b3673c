package io.dataplatform.ingest.cdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.debezium.connector.postgresql.UnchangedToastedReplicationMessageColumn;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.postgresql.geometric.PGbox;
import org.postgresql.geometric.PGcircle;
import org.postgresql.geometric.PGline;
import org.postgresql.geometric.PGlseg;
import org.postgresql.geometric.PGpath;
import org.postgresql.geometric.PGpoint;
import org.postgresql.geometric.PGpolygon;
import org.postgresql.util.PGobject;

class TestPostgresTextConverter {
  @Test
  void arraysAreWrittenAsArrayToJsonWritesThem() {
    assertEquals("[1,2,null]", PostgresArrayJson.of("{1,2,NULL}", "int4"));
    assertEquals("[[1,2],[3,4]]", PostgresArrayJson.of("{{1,2},{3,4}}", "int4"));
    assertEquals("[]", PostgresArrayJson.of("{}", "int4"));
    assertEquals("[5,6]", PostgresArrayJson.of("[0:1]={5,6}", "int4"));
    assertEquals(
        "[1.5,\"NaN\",\"-Infinity\",1e+300]",
        PostgresArrayJson.of("{1.5,NaN,-Infinity,1e+300}", "float8"));
    assertEquals("[true,false,null]", PostgresArrayJson.of("{t,f,NULL}", "bool"));
    assertEquals("[{\"a\": 1},null]", PostgresArrayJson.of("{\"{\\\"a\\\": 1}\",NULL}", "jsonb"));
    assertEquals(
        "[\"2024-02-29\",\"infinity\"]", PostgresArrayJson.of("{2024-02-29,infinity}", "date"));
    assertEquals(
        "[\"2024-02-29T13:45:30.5\"]",
        PostgresArrayJson.of("{\"2024-02-29 13:45:30.5\"}", "timestamp"));
    assertEquals(
        "[\"2024-02-29T08:15:30.123456+00:00\",\"infinity\"]",
        PostgresArrayJson.of("{\"2024-02-29 13:45:30.123456+05:30\",infinity}", "timestamptz"));
    // quoted, escaped and spaced elements, and the text NULL, which only unquoted means NULL
    assertEquals(
        "[\"a,b\",\"c\\\"d\",\"e\\\\f\",\"NULL\",null,\"\",\" sp \",\"x\\ny\\u0001\"]",
        PostgresArrayJson.of(
            "{\"a,b\",\"c\\\"d\",\"e\\\\f\",\"NULL\",NULL,\"\",\" sp \",\"x\ny\u0001\"}", "text"));
    assertEquals("[\"a\",\"b\"]", PostgresArrayJson.of("{ a , b }", "text"));
    assertEquals(
        "[\"(1,1),(0,0)\",\"(2,2),(1,1)\"]",
        PostgresArrayJson.of("{(1,1),(0,0);(2,2),(1,1)}", "box"));
  }

  @Test
  void aTextThatIsNoArrayIsRefusedWithItsText() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> PostgresArrayJson.of("{1,2", "int4"));
    assertEquals("not an array's text (unexpected end at character 5): {1,2", error.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PostgresArrayJson.of("{1} x", "int4"));
  }

  @Test
  void floatsAreWrittenAsPostgresqlWritesThem() {
    assertEquals("1", PostgresText.float8(1.0));
    assertEquals("2.5", PostgresText.float8(2.5));
    assertEquals("-0", PostgresText.float8(-0.0));
    assertEquals("0.0001", PostgresText.float8(0.0001));
    assertEquals("1e-05", PostgresText.float8(0.00001));
    assertEquals("100000000000000", PostgresText.float8(1e14));
    assertEquals("1e+15", PostgresText.float8(1e15));
    assertEquals("-2.5e-300", PostgresText.float8(-2.5e-300));
    assertEquals("1.2345678901234568e+17", PostgresText.float8(123456789012345678.0));
    assertEquals("0.30000000000000004", PostgresText.float8(0.1 + 0.2));
    assertEquals("NaN", PostgresText.float8(Double.NaN));
    assertEquals("-Infinity", PostgresText.float8(Double.NEGATIVE_INFINITY));
  }

  @Test
  void geometricValuesAreWrittenAsTheirTextOutput() {
    assertEquals("(1,2.5)", PostgresText.geometric(new PGpoint(1, 2.5)));
    assertEquals("(1,1),(0,0)", PostgresText.geometric(new PGbox(1, 1, 0, 0)));
    assertEquals("[(0,0),(1e+20,1)]", PostgresText.geometric(new PGlseg(0, 0, 1e20, 1)));
    assertEquals("{0.5,-1,0}", PostgresText.geometric(new PGline(0.5, -1, 0)));
    assertEquals("<(1,1),0.001>", PostgresText.geometric(new PGcircle(1, 1, 0.001)));
    PGpoint[] points = {new PGpoint(0, 0), new PGpoint(1, 1)};
    assertEquals("[(0,0),(1,1)]", PostgresText.geometric(new PGpath(points, true)));
    assertEquals("((0,0),(1,1))", PostgresText.geometric(new PGpath(points, false)));
    assertEquals("((0,0),(1,1))", PostgresText.geometric(new PGpolygon(points)));
    assertNull(PostgresText.geometric("(1,2)"));
  }

  @Test
  void timesWithZoneAreWrittenAtUtcAndAmountsWithTwoDecimals() {
    OffsetTime time = OffsetTime.of(LocalTime.of(5, 29, 59, 123_456_000), ZoneOffset.UTC);
    assertEquals("05:29:59.123456+00", PostgresTextConverter.text("timetz", time));
    assertEquals(
        "05:29:59.123456+00", PostgresTextConverter.text("timetz", "23:59:59.123456-05:30"));
    assertEquals("11:45:00.5+00", PostgresTextConverter.text("timetz", "13:45:00.5+02"));
    assertEquals("24:00:00+00", PostgresTextConverter.text("timetz", "24:00:00+00"));
    assertEquals("-5.50", PostgresTextConverter.text("money", -5.5));
    assertEquals("12.34", PostgresTextConverter.text("money", 12.34));
  }

  @Test
  void otherValuesBecomeTheirTextAndMarkersOfUnchangedValuesPassOn() throws Exception {
    PGobject inet = new PGobject();
    inet.setType("inet");
    inet.setValue("192.168.0.1");
    assertEquals("192.168.0.1", PostgresTextConverter.text("inet", inet));
    assertEquals("16/B374D848", PostgresTextConverter.text("pg_lsn", "16/B374D848".getBytes()));
    assertEquals("1", PostgresTextConverter.text("bit", true));
    assertEquals("0101", PostgresTextConverter.text("varbit", "0101"));
    assertNull(PostgresTextConverter.text("inet", null));
    assertEquals(
        DebeziumProperties.UNAVAILABLE,
        PostgresTextConverter.text(
            "tsvector", UnchangedToastedReplicationMessageColumn.UNCHANGED_TOAST_VALUE));
    assertEquals(
        DebeziumProperties.UNAVAILABLE,
        PostgresTextConverter.arrayJson(
            "int4", UnchangedToastedReplicationMessageColumn.UNCHANGED_INT_ARRAY_TOAST_VALUE));
    assertEquals("[1]", PostgresTextConverter.arrayJson("int4", "{1}"));
    assertThrows(IllegalArgumentException.class, () -> PostgresTextConverter.arrayJson("int4", 1));
  }
}

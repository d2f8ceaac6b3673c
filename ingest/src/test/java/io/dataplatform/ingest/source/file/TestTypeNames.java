package io.dataplatform.ingest.source.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dataplatform.api.DpException;
import io.dataplatform.api.connector.DataType;
import org.junit.jupiter.api.Test;

class TestTypeNames {
  @Test
  void userNamesAndSynonyms() {
    assertEquals(DataType.decimal(12, 2), TypeNames.parse("decimal(12,2)"));
    assertEquals(DataType.decimal(9, 0), TypeNames.parse(" NUMERIC( 9 ) "));
    assertEquals(DataType.LONG, TypeNames.parse("bigint"));
    assertEquals(DataType.TIMESTAMPTZ, TypeNames.parse("timestamp with time zone"));
    assertEquals(DataType.STRING, TypeNames.parse("Text"));
  }

  @Test
  void unknownNamesListTheKnownOnes() {
    DpException error = assertThrows(DpException.class, () -> TypeNames.parse("money"));
    assertEquals(
        "Cannot read column type: unknown type (money); use boolean, int, long, float, double,"
            + " decimal(p,s), string, binary, date, time, timestamp, timestamptz, uuid or json",
        error.getMessage());
    DpException wide = assertThrows(DpException.class, () -> TypeNames.parse("decimal(40,2)"));
    assertEquals(
        "Cannot read column type: unknown type (decimal(40,2)); use boolean, int, long, float,"
            + " double, decimal(p,s), string, binary, date, time, timestamp, timestamptz, uuid or"
            + " json",
        wide.getMessage());
  }

  @Test
  void duckTypesMapToPlatformTypes() {
    assertEquals(DataType.INT, TypeNames.fromDuck("SMALLINT"));
    assertEquals(DataType.decimal(38, 0), TypeNames.fromDuck("HUGEINT"));
    assertEquals(DataType.decimal(18, 3), TypeNames.fromDuck("DECIMAL(18,3)"));
    assertEquals(DataType.JSON, TypeNames.fromDuck("STRUCT(a BIGINT, b VARCHAR[])"));
    assertEquals(DataType.JSON, TypeNames.fromDuck("VARCHAR[]"));
    assertEquals(DataType.TIMESTAMPTZ, TypeNames.fromDuck("TIMESTAMP WITH TIME ZONE"));
    assertEquals(DataType.STRING, TypeNames.fromDuck("INTERVAL"));
    assertEquals("DECIMAL(12,2)", TypeNames.duckType(DataType.decimal(12, 2)));
  }
}

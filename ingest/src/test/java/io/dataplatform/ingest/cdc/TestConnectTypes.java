package io.dataplatform.ingest.cdc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dataplatform.api.connector.DataType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

class TestConnectTypes {
  @Test
  void logicalNamesDecideTheType() {
    assertEquals(DataType.DATE, type(Schema.Type.INT32, "io.debezium.time.Date"));
    assertEquals(DataType.TIME, type(Schema.Type.INT64, "io.debezium.time.MicroTime"));
    assertEquals(DataType.TIMESTAMP, type(Schema.Type.INT64, "io.debezium.time.MicroTimestamp"));
    assertEquals(DataType.TIMESTAMPTZ, type(Schema.Type.STRING, "io.debezium.time.ZonedTimestamp"));
    assertEquals(DataType.UUID, type(Schema.Type.STRING, "io.debezium.data.Uuid"));
    assertEquals(DataType.JSON, type(Schema.Type.STRING, "io.debezium.data.Json"));
  }

  @Test
  void plainTypesMapByWidth() {
    assertEquals(DataType.INT, ConnectTypes.dataType(Schema.INT16_SCHEMA));
    assertEquals(DataType.LONG, ConnectTypes.dataType(Schema.INT64_SCHEMA));
    assertEquals(DataType.DOUBLE, ConnectTypes.dataType(Schema.FLOAT64_SCHEMA));
    assertEquals(DataType.BINARY, ConnectTypes.dataType(Schema.BYTES_SCHEMA));
    assertEquals(DataType.STRING, ConnectTypes.dataType(Schema.STRING_SCHEMA));
  }

  @Test
  void numericTextUsesTheSourcePrecision() {
    Schema decimal =
        SchemaBuilder.string()
            .parameter(ConnectTypes.SOURCE_TYPE, "NUMERIC")
            .parameter(ConnectTypes.SOURCE_LENGTH, "12")
            .parameter(ConnectTypes.SOURCE_SCALE, "3")
            .build();
    assertEquals(DataType.decimal(12, 3), ConnectTypes.dataType(decimal));
    assertEquals("NUMERIC(12,3)", ConnectTypes.sourceType(decimal));
    Schema unbounded =
        SchemaBuilder.string()
            .parameter(ConnectTypes.SOURCE_TYPE, "NUMERIC")
            .parameter(ConnectTypes.SOURCE_LENGTH, "131089")
            .parameter(ConnectTypes.SOURCE_SCALE, "0")
            .build();
    assertEquals(DataType.STRING, ConnectTypes.dataType(unbounded));
  }

  private static DataType type(Schema.Type type, String name) {
    return ConnectTypes.dataType(new SchemaBuilder(type).name(name).build());
  }
}

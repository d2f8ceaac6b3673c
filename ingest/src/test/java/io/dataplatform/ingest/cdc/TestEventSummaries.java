package io.dataplatform.ingest.cdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.debezium.pipeline.source.spi.EventMetadataProvider;
import io.debezium.pipeline.spi.OffsetContext;
import io.debezium.relational.TableId;
import io.debezium.spi.schema.DataCollectionId;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class TestEventSummaries {
  private static final Instant WHEN = Instant.parse("2026-12-01T03:00:00Z");
  private static final Map<String, String> POSITION = Map.of("lsn", "42");

  /** Answers fixed values, so the test sees which calls reach it. */
  private static final class FixedProvider implements EventMetadataProvider {
    @Override
    public Instant getEventTimestamp(
        DataCollectionId source, OffsetContext offset, Object key, Struct value) {
      return WHEN;
    }

    @Override
    public Map<String, String> getEventSourcePosition(
        DataCollectionId source, OffsetContext offset, Object key, Struct value) {
      return POSITION;
    }

    @Override
    public String getTransactionId(
        DataCollectionId source, OffsetContext offset, Object key, Struct value) {
      return "tx-7";
    }
  }

  @Test
  void summaryIsTheTableAndEverythingElseComesFromDebezium() {
    EventMetadataProvider provider = new EventSummaries.TableSummary(new FixedProvider());
    TableId table = new TableId("dp", "public", "bench");
    Schema keySchema = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
    Struct key = new Struct(keySchema).put("id", 7);

    assertEquals(table.toString(), provider.toSummaryString(table, null, key, null));
    assertSame(WHEN, provider.getEventTimestamp(table, null, key, null));
    assertSame(POSITION, provider.getEventSourcePosition(table, null, key, null));
    assertEquals("tx-7", provider.getTransactionId(table, null, key, null));
    assertEquals("tx-7", provider.getTransactionInfo(table, null, key, null).getTransactionId());
  }

  @Test
  void anEngineWithoutTheKnownFieldsKeepsDebeziumsSummaries() {
    assertEquals(0, EventSummaries.install(new Object()));
  }
}

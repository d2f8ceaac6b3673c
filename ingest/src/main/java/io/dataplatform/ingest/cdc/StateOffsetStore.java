package io.dataplatform.ingest.cdc;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;

/**
 * Debezium's offset storage over a stream's {@link CdcState}: it starts with the offset the state
 * holds and keeps what Debezium flushes in memory. The lasting copy is the state the sync engine
 * commits with the data, so nothing here needs to survive the process. Debezium creates this class
 * by name; the starting offset comes in the engine's properties.
 */
public final class StateOffsetStore extends MemoryOffsetBackingStore {
  static final String ENGINE_NAME = "dp.offset.engine";
  static final String PARTITION = "dp.offset.partition";
  static final String OFFSET = "dp.offset.value";

  @Override
  public void configure(WorkerConfig config) {
    super.configure(config);
    Map<String, Object> originals = config.originals();
    Object offset = originals.get(OFFSET);
    if (offset == null) {
      return;
    }
    // the same serialization Kafka Connect's offset writer uses, so the reader finds the key
    JsonConverter keys = new JsonConverter();
    keys.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false"), true);
    JsonConverter values = new JsonConverter();
    values.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false"), false);
    String engine = (String) originals.get(ENGINE_NAME);
    Map<String, Object> partition = CdcState.readMap((String) originals.get(PARTITION));
    byte[] key = keys.fromConnectData(engine, null, Arrays.asList(engine, partition));
    byte[] value = values.fromConnectData(engine, null, CdcState.readMap((String) offset));
    data.put(ByteBuffer.wrap(key), ByteBuffer.wrap(value));
  }

  @Override
  public Set<Map<String, Object>> connectorPartitions(String connectorName) {
    return Set.of();
  }
}

package io.dataplatform.ingest.cdc;

import java.util.Optional;
import java.util.Properties;

/** The Debezium engine settings every source shares. */
final class DebeziumProperties {
  /** The topic prefix of Debezium's heartbeat records, which carry only an offset. */
  static final String HEARTBEAT_TOPICS = "dp-heartbeat";

  /** The most changes Debezium hands over at once. */
  static final int MAX_BATCH_SIZE = 4096;

  /** What Debezium puts in place of a value the change log does not carry. */
  static final String UNAVAILABLE = "__dp_unavailable_value";

  private DebeziumProperties() {}

  static Properties common(CdcSettings settings, String connectionName, Optional<CdcState> resume) {
    Properties properties = new Properties();
    String engine = "dp-" + CdcSettings.identifier("", connectionName);
    properties.setProperty("name", engine);
    properties.setProperty("topic.prefix", CdcSettings.identifier("dp_", connectionName));
    properties.setProperty("database.hostname", settings.host());
    properties.setProperty("database.port", Integer.toString(settings.port()));
    properties.setProperty("database.user", settings.user());
    properties.setProperty("database.password", settings.password());
    properties.setProperty("offset.storage", StateOffsetStore.class.getName());
    properties.setProperty(StateOffsetStore.ENGINE_NAME, engine);
    resume.ifPresent(
        state -> {
          properties.setProperty(StateOffsetStore.PARTITION, CdcState.write(state.partition()));
          properties.setProperty(StateOffsetStore.OFFSET, CdcState.write(state.offset()));
        });
    // offsets are flushed when the sync engine has committed, not on a timer
    properties.setProperty("offset.flush.interval.ms", "0");
    properties.setProperty("offset.flush.timeout.ms", "10000");
    // starting the task creates the replication slot, which waits for every transaction open on
    // the source server to end; wait for that rather than fail the sync
    properties.setProperty("task.management.timeout.ms", "300000");
    properties.setProperty("tombstones.on.delete", "false");
    properties.setProperty("decimal.handling.mode", "string");
    properties.setProperty("column.propagate.source.type", ".*");
    properties.setProperty("max.batch.size", Integer.toString(MAX_BATCH_SIZE));
    properties.setProperty("max.queue.size", "16384");
    properties.setProperty("poll.interval.ms", "50");
    properties.setProperty("errors.max.retries", "0");
    // the context headers (connector and task names) Debezium adds to every change; unread here
    properties.setProperty("extended.headers.enabled", "false");
    if (settings.heartbeatSeconds() > 0) {
      properties.setProperty(
          "heartbeat.interval.ms", Long.toString(settings.heartbeatSeconds() * 1000L));
      // the topic naming strategy's key; the older "heartbeat.topics.prefix" is not read any more
      properties.setProperty("topic.heartbeat.prefix", HEARTBEAT_TOPICS);
    }
    // a large value an update left unchanged, when the table's replica identity does not carry it
    properties.setProperty("unavailable.value.placeholder", UNAVAILABLE);
    return properties;
  }
}

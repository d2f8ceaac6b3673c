package io.dataplatform.ingest.cdc;

import static java.util.Objects.requireNonNull;

import io.debezium.pipeline.meters.CommonEventMeter;
import io.debezium.pipeline.source.spi.EventMetadataProvider;
import io.debezium.pipeline.spi.OffsetContext;
import io.debezium.pipeline.txmetadata.TransactionInfo;
import io.debezium.spi.schema.DataCollectionId;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the summary Debezium's metrics keep of the last change (the JMX {@code LastEvent}
 * attribute) cheap. Debezium renders it for every change it dispatches, snapshot rows included, by
 * writing the change's key through a newly built Jackson {@code ObjectMapper}; in a fresh JVM that
 * one string, which nothing here reads, took about 40 % of the CPU of Debezium's streaming thread.
 * Debezium has no setting for it and builds its metrics inside the connector task, so once the task
 * has started this replaces the metadata provider of the task's snapshot and streaming event meters
 * with one whose summary is the table's name; every other metric keeps Debezium's provider.
 *
 * <p>It reaches the meters through private fields of the Debezium version the build pins. When a
 * later version moves them, nothing is replaced and Debezium keeps its own summaries: the reader
 * works the same, at the old cost ({@link #install} then answers 0, which the throughput test
 * checks).
 */
final class EventSummaries {
  private static final Logger LOG = LoggerFactory.getLogger(EventSummaries.class);

  private EventSummaries() {}

  /**
   * Replaces the summaries of every started task of an embedded engine.
   *
   * @return how many event meters now use the cheap summary
   */
  static int install(Object engine) {
    requireNonNull(engine, "engine");
    try {
      int replaced = 0;
      for (Object task : (List<?>) read(engine, "tasks")) {
        Object connectTask = task.getClass().getMethod("connectTask").invoke(task);
        Object coordinator = read(connectTask, "coordinator");
        if (coordinator == null) {
          continue;
        }
        for (String metrics : List.of("snapshotMetrics", "streamingMetrics")) {
          Object pipelineMetrics = read(coordinator, metrics);
          if (pipelineMetrics != null && replace(read(pipelineMetrics, "commonEventMeter"))) {
            replaced++;
          }
        }
      }
      return replaced;
    } catch (ReflectiveOperationException | RuntimeException e) {
      // only a saving is lost: the reader works the same with Debezium's own summaries
      LOG.info(
          "Cannot make Debezium's last-event summaries cheap: {} (they stay as they are)",
          e.toString());
      return 0;
    }
  }

  private static boolean replace(Object meter) throws ReflectiveOperationException {
    if (!(meter instanceof CommonEventMeter)) {
      return false;
    }
    Field field = field(meter.getClass(), "metadataProvider");
    field.setAccessible(true);
    Object provider = field.get(meter);
    if (provider instanceof TableSummary) {
      return true;
    }
    if (!(provider instanceof EventMetadataProvider metadata)) {
      return false;
    }
    field.set(meter, new TableSummary(metadata));
    return true;
  }

  private static Object read(Object target, String name) throws ReflectiveOperationException {
    Field field = field(target.getClass(), name);
    field.setAccessible(true);
    return field.get(target);
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    for (Class<?> current = type; current != null; current = current.getSuperclass()) {
      for (Field declared : current.getDeclaredFields()) {
        if (declared.getName().equals(name)) {
          return declared;
        }
      }
    }
    throw new NoSuchFieldException(type.getName() + "." + name);
  }

  /** Debezium's provider, except that a change's summary is the name of its table. */
  record TableSummary(EventMetadataProvider delegate) implements EventMetadataProvider {
    TableSummary {
      requireNonNull(delegate, "delegate");
    }

    @Override
    public Instant getEventTimestamp(
        DataCollectionId source, OffsetContext offset, Object key, Struct value) {
      return delegate.getEventTimestamp(source, offset, key, value);
    }

    @Override
    public Map<String, String> getEventSourcePosition(
        DataCollectionId source, OffsetContext offset, Object key, Struct value) {
      return delegate.getEventSourcePosition(source, offset, key, value);
    }

    @Override
    public String getTransactionId(
        DataCollectionId source, OffsetContext offset, Object key, Struct value) {
      return delegate.getTransactionId(source, offset, key, value);
    }

    @Override
    public TransactionInfo getTransactionInfo(
        DataCollectionId source, OffsetContext offset, Object key, Struct value) {
      return delegate.getTransactionInfo(source, offset, key, value);
    }

    @Override
    public String toSummaryString(
        DataCollectionId source, OffsetContext offset, Object key, Struct value) {
      return String.valueOf(source);
    }
  }
}

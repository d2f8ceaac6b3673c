package io.dataplatform.ingest.cdc;

import io.debezium.config.Configuration;
import io.debezium.document.DocumentReader;
import io.debezium.document.DocumentWriter;
import io.debezium.relational.history.AbstractSchemaHistory;
import io.debezium.relational.history.HistoryRecord;
import io.debezium.relational.history.HistoryRecordComparator;
import io.debezium.relational.history.SchemaHistoryListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * The schema history a binlog source needs to read old row events, kept in the stream state next to
 * the offset instead of a Kafka topic or a file. It starts from the documents in the engine's
 * properties; the reader takes the current list into each checkpoint.
 */
public final class StateSchemaHistory extends AbstractSchemaHistory {
  static final String ID = CONFIGURATION_FIELD_PREFIX_STRING + "dp.id";
  static final String RECORDS = CONFIGURATION_FIELD_PREFIX_STRING + "dp.records";

  /**
   * Open histories by reader id. Debezium creates this class by name, so the reader finds its
   * instance here; each reader removes its entry when it closes.
   */
  private static final ConcurrentMap<String, StateSchemaHistory> OPEN = new ConcurrentHashMap<>();

  private final List<String> documents = new ArrayList<>();
  private String id;

  @Override
  public void configure(
      Configuration config,
      HistoryRecordComparator comparator,
      SchemaHistoryListener listener,
      boolean useCatalogBeforeSchema) {
    super.configure(config, comparator, listener, useCatalogBeforeSchema);
    id = config.getString(ID);
    String stored = config.getString(RECORDS);
    synchronized (documents) {
      documents.clear();
      if (stored != null) {
        documents.addAll(CdcState.readList(stored));
      }
    }
    if (id != null) {
      OPEN.put(id, this);
    }
  }

  static Optional<StateSchemaHistory> open(String id) {
    return Optional.ofNullable(OPEN.get(id));
  }

  static void forget(String id) {
    OPEN.remove(id);
  }

  /** The history as stored in a checkpoint. */
  List<String> documents() {
    synchronized (documents) {
      return List.copyOf(documents);
    }
  }

  @Override
  protected void storeRecord(HistoryRecord record) {
    String text;
    try {
      text = DocumentWriter.defaultWriter().write(record.document());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot store a binlog schema history record", e);
    }
    synchronized (documents) {
      documents.add(text);
    }
  }

  @Override
  protected void recoverRecords(Consumer<HistoryRecord> records) {
    for (String text : documents()) {
      try {
        records.accept(new HistoryRecord(DocumentReader.defaultReader().read(text)));
      } catch (IOException e) {
        throw new IllegalStateException(
            "Cannot recover the binlog schema history: a stored record is not readable", e);
      }
    }
  }

  @Override
  public boolean storageExists() {
    return true;
  }

  @Override
  public boolean exists() {
    return !documents().isEmpty();
  }

  @Override
  public String toString() {
    return "stream state";
  }
}

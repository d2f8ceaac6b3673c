package io.dataplatform.ingest.cdc;

import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.SourceMessage;
import io.dataplatform.api.connector.SourceRecord;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;

/**
 * Groups a round of changes into record batches: one per stream and row schema, in arrival order
 * within each stream, so a column added at the source starts a batch with the longer column list.
 */
final class ChangeBatcher {
  /** Layouts by Debezium row schema; Debezium reuses one schema object until the table changes. */
  private final Map<Schema, RowLayout> layouts = new IdentityHashMap<>();

  List<SourceMessage.RecordBatch> batches(List<DebeziumReader.Change> changes) {
    Map<String, List<DebeziumReader.Change>> byStream = new LinkedHashMap<>();
    for (DebeziumReader.Change change : changes) {
      byStream.computeIfAbsent(change.stream().name(), name -> new ArrayList<>()).add(change);
    }
    List<SourceMessage.RecordBatch> batches = new ArrayList<>();
    for (List<DebeziumReader.Change> streamChanges : byStream.values()) {
      RowLayout layout = null;
      List<SourceRecord> records = new ArrayList<>();
      for (DebeziumReader.Change change : streamChanges) {
        RowLayout changeLayout = layout(change.stream(), change.row().schema());
        if (layout != null && changeLayout != layout) {
          batches.add(batch(change.stream(), layout, records));
          records = new ArrayList<>();
        }
        layout = changeLayout;
        records.add(
            new SourceRecord(
                change.operation(),
                changeLayout.values(change.stream().name(), change.row()),
                Optional.of(change.position())));
      }
      if (layout != null) {
        batches.add(batch(streamChanges.get(0).stream(), layout, records));
      }
    }
    return batches;
  }

  private RowLayout layout(ConfiguredStream stream, Schema schema) {
    RowLayout layout = layouts.get(schema);
    if (layout == null) {
      layout = RowLayout.of(stream, schema);
      layouts.put(schema, layout);
    }
    return layout;
  }

  private static SourceMessage.RecordBatch batch(
      ConfiguredStream stream, RowLayout layout, List<SourceRecord> records) {
    return new SourceMessage.RecordBatch(stream.name(), layout.columns(), records);
  }
}

package io.dataplatform.ingest.sync;

import io.dataplatform.api.connector.ChangeOperation;
import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.SourceColumn;
import java.util.ArrayList;
import java.util.List;

/** The columns the engine adds to every table it loads. */
public final class MetadataColumns {
  public static final SourceColumn EXTRACTED_AT =
      SourceColumn.nullable("_dp_extracted_at", DataType.TIMESTAMPTZ, "timestamptz");
  public static final SourceColumn SYNC_ID =
      SourceColumn.nullable("_dp_sync_id", DataType.STRING, "string");

  /** For CDC: r (snapshot read), c (insert), u (update), d (delete). */
  public static final SourceColumn OPERATION =
      SourceColumn.nullable("_dp_op", DataType.STRING, "string");

  /** For CDC: the change's position in the source's log. */
  public static final SourceColumn SOURCE_POSITION =
      SourceColumn.nullable("_dp_source_position", DataType.STRING, "string");

  private MetadataColumns() {}

  /** The table columns of a stream: its own, then the metadata columns of its mode. */
  static List<SourceColumn> tableColumns(List<SourceColumn> columns, boolean changeLog) {
    List<SourceColumn> all = new ArrayList<>(columns);
    all.add(EXTRACTED_AT);
    all.add(SYNC_ID);
    if (changeLog) {
      all.add(OPERATION);
      all.add(SOURCE_POSITION);
    }
    return all;
  }

  static String operationCode(ChangeOperation operation) {
    return switch (operation) {
      case READ -> "r";
      case INSERT -> "c";
      case UPDATE -> "u";
      case DELETE -> "d";
    };
  }
}

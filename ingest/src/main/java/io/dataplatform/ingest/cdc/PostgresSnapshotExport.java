package io.dataplatform.ingest.cdc;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.connector.StreamState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The start of a PostgreSQL change log whose initial snapshot the connector reads itself, with
 * {@code COPY}, instead of through Debezium: the connection's replication slot, just created with
 * an exported snapshot. A transaction that imports the snapshot ({@code SET TRANSACTION SNAPSHOT})
 * sees exactly the rows committed before the slot's consistent point, and the slot delivers every
 * change committed after it, so the snapshot's rows followed by the slot's changes miss and repeat
 * nothing.
 *
 * <p>The states it gives are those the Debezium reader records for its own snapshot: {@link
 * #runningState} while rows are being read (a read from it takes the snapshot again, and the sync's
 * first commit replaces the tables), {@link #completeState} once every table is read (a read from
 * it follows the slot from the consistent point).
 */
public final class PostgresSnapshotExport implements AutoCloseable {
  private final Connection replication;
  private final String snapshotName;
  private final long consistentPoint;
  private final Map<String, Object> partition;
  private final long startedMicros;
  private boolean closed;

  PostgresSnapshotExport(
      Connection replication,
      String snapshotName,
      long consistentPoint,
      Map<String, Object> partition,
      long startedMicros) {
    this.replication = requireNonNull(replication, "replication");
    this.snapshotName = requireNonNull(snapshotName, "snapshotName");
    this.consistentPoint = consistentPoint;
    this.partition = Map.copyOf(partition);
    this.startedMicros = startedMicros;
  }

  /** The name to pass to {@code SET TRANSACTION SNAPSHOT}, valid until {@link #close}. */
  public String snapshotName() {
    return snapshotName;
  }

  /** The slot's consistent point, as PostgreSQL writes an LSN ({@code 5/3FB65AF0}). */
  public String consistentPoint() {
    return String.format("%X/%X", consistentPoint >>> 32, consistentPoint & 0xffffffffL);
  }

  /**
   * The source position of every snapshot row: before every change the slot delivers, as the
   * positions of Debezium's snapshot rows are.
   */
  public String position() {
    return PositionSequence.position(CdcFlavor.hex(0, consistentPoint), true, 0);
  }

  /** The state of streams while the snapshot is being read. */
  public StreamState runningState() {
    Map<String, Object> offset = new LinkedHashMap<>();
    offset.put("lsn", consistentPoint);
    offset.put("ts_usec", startedMicros);
    offset.put("snapshot", "INITIAL");
    offset.put("snapshot_completed", false);
    offset.put("last_snapshot_record", false);
    return new CdcState(partition, offset, position(), true, List.of()).toStreamState();
  }

  /** The state of streams once every snapshot row has been read. */
  public StreamState completeState() {
    Map<String, Object> offset = new LinkedHashMap<>();
    offset.put("lsn", consistentPoint);
    offset.put("ts_usec", startedMicros);
    return new CdcState(partition, offset, position(), false, List.of()).toStreamState();
  }

  /**
   * Ends the replication connection that created the slot: the exported snapshot is gone for
   * transactions that have not imported it yet, and the slot is free for the change reader.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      replication.close();
    } catch (SQLException e) {
      // the server ends the walsender with its connection
    }
  }

  static long lsn(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not an LSN: " + text);
    }
    return (Long.parseLong(text.substring(0, slash), 16) << 32)
        | Long.parseLong(text.substring(slash + 1), 16);
  }
}

package io.dataplatform.lakehouse.load;

import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.PropertyUtil;

/**
 * Keeps the history of tables that loads commit to bounded: a CDC stream commits about once a
 * second, and every snapshot stays in the table's metadata file, which each commit rewrites whole,
 * and keeps its replaced data and delete files on disk. Past {@link #MAX_SNAPSHOTS_PROPERTY}
 * snapshots (plus a tenth of that, so that trimming is occasional), the oldest are expired down to
 * that number, and the files only they referenced are deleted. Time travel reaches the snapshots
 * kept.
 */
final class SnapshotRetention {
  /** The table property bounding the snapshots a loaded table keeps. */
  static final String MAX_SNAPSHOTS_PROPERTY = "dp.history.max-snapshots";

  /** The bound when the table does not set {@link #MAX_SNAPSHOTS_PROPERTY}. */
  static final int DEFAULT_MAX_SNAPSHOTS = 500;

  private SnapshotRetention() {}

  /**
   * Expires the oldest snapshots of {@code table} when it holds more than its bound allows.
   *
   * @return how many snapshots were expired
   */
  static int trim(Table table) {
    int max =
        Math.max(
            1,
            PropertyUtil.propertyAsInt(
                table.properties(), MAX_SNAPSHOTS_PROPERTY, DEFAULT_MAX_SNAPSHOTS));
    List<Snapshot> snapshots =
        StreamSupport.stream(table.snapshots().spliterator(), false)
            .sorted(Comparator.comparingLong(Snapshot::timestampMillis))
            .toList();
    if (snapshots.size() <= max + Math.max(1, max / 10)) {
      return 0;
    }
    // snapshots older than the oldest one kept go, but never the newest max of the current history
    long oldestKept = snapshots.get(snapshots.size() - max).timestampMillis();
    table.expireSnapshots().expireOlderThan(oldestKept).retainLast(max).commit();
    table.refresh();
    int left = 0;
    for (Snapshot ignored : table.snapshots()) {
      left++;
    }
    return snapshots.size() - left;
  }
}

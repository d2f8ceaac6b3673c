package io.dataplatform.lakehouse.load;

/**
 * When a keyed load rewrites data files copy-on-write instead of adding position deletes, so reads
 * never apply many deletes: a data file whose deleted rows would exceed {@code deletedFraction} of
 * its rows is rewritten in that commit; and when the table would hold more than {@code
 * maxDeleteFiles} position-delete files, every data file with deleted rows is rewritten and every
 * delete file removed.
 *
 * @param deletedFraction the share of a data file's rows that may be deleted, between 0 and 1
 * @param maxDeleteFiles the position-delete files a table may hold after a commit
 */
public record CompactionThresholds(double deletedFraction, int maxDeleteFiles) {
  /**
   * 30 % of a file's rows; 32 delete files. A reader scans a deleted row for nothing and joins
   * every row against the delete files, so past a third of dead rows a rewrite pays for itself; 32
   * files keep the anti-join's input list short while a commit per second compacts about every half
   * minute.
   */
  public static final CompactionThresholds DEFAULT = new CompactionThresholds(0.3, 32);

  public CompactionThresholds {
    if (!(deletedFraction >= 0 && deletedFraction <= 1)) {
      throw new IllegalArgumentException(
          "Cannot use compaction thresholds: the deleted fraction must be between 0 and 1 ("
              + deletedFraction
              + ")");
    }
    if (maxDeleteFiles < 0) {
      throw new IllegalArgumentException(
          "Cannot use compaction thresholds: the delete file limit must not be negative ("
              + maxDeleteFiles
              + ")");
    }
  }
}

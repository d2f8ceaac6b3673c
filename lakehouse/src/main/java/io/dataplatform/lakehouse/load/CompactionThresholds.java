package io.dataplatform.lakehouse.load;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.util.Map;

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
  /** The table property that sets {@code deletedFraction} for one table. */
  public static final String DELETED_FRACTION_PROPERTY = "dp.merge.max-deleted-fraction";

  /** The table property that sets {@code maxDeleteFiles} for one table. */
  public static final String MAX_DELETE_FILES_PROPERTY = "dp.merge.max-delete-files";

  /**
   * 30 % of a file's rows; 32 delete files. A reader scans a deleted row for nothing and joins
   * every row against the delete files, so past a third of dead rows a rewrite pays for itself; 32
   * files keep the anti-join's input list short while a commit per second compacts about every half
   * minute.
   */
  public static final CompactionThresholds DEFAULT = new CompactionThresholds(0.3, 32);

  /**
   * These thresholds with the ones a table's properties set ({@value #DELETED_FRACTION_PROPERTY},
   * {@value #MAX_DELETE_FILES_PROPERTY}).
   *
   * @throws DpException INVALID_CONFIGURATION when a property's value is not a valid threshold
   */
  public CompactionThresholds withTableProperties(Map<String, String> properties) {
    String fraction = properties.get(DELETED_FRACTION_PROPERTY);
    String files = properties.get(MAX_DELETE_FILES_PROPERTY);
    try {
      return new CompactionThresholds(
          fraction == null ? deletedFraction : Double.parseDouble(fraction.trim()),
          files == null ? maxDeleteFiles : Integer.parseInt(files.trim()));
    } catch (IllegalArgumentException e) {
      throw new DpException(
          StandardErrorCode.INVALID_CONFIGURATION,
          "Cannot use the table's compaction properties: "
              + DELETED_FRACTION_PROPERTY
              + " must be a number from 0 to 1 and "
              + MAX_DELETE_FILES_PROPERTY
              + " a whole number from 0 ("
              + DELETED_FRACTION_PROPERTY
              + " = "
              + fraction
              + ", "
              + MAX_DELETE_FILES_PROPERTY
              + " = "
              + files
              + ")",
          e);
    }
  }

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

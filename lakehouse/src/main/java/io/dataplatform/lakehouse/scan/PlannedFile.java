package io.dataplatform.lakehouse.scan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A data file a scan reads.
 *
 * @param path the plain file system path
 * @param positionDeletes plain paths of the position-delete files that apply to it
 */
public record PlannedFile(
    String path, long recordCount, long sizeBytes, List<String> positionDeletes) {
  public PlannedFile {
    requireNonNull(path, "path");
    positionDeletes = List.copyOf(positionDeletes);
  }
}

package io.dataplatform.lakehouse.load;

/**
 * What one commit did.
 *
 * @param snapshotId the new snapshot
 * @param rowsWritten rows in the data files the commit added
 * @param bytesWritten size of those files
 * @param filesRewritten existing data files replaced (overwrite, and upserts that compact)
 * @param rowsDeleted existing rows an upsert deleted by position-delete files
 * @param compactionDeferred whether an upsert left data files past the deleted fraction for a later
 *     {@link TableLoad#compact} ({@link Compaction#DEFERRED})
 * @param phases where the commit's time went, in milliseconds by phase, in order: {@code uploads}
 *     (waiting for files written before the commit), {@code table} (loading the table); for an
 *     upsert {@code latest} (the latest staged row of each key), {@code plan} (the data files that
 *     may hold the keys), {@code match} (finding their rows), {@code existing deletes}, {@code
 *     deletes} (writing position deletes), {@code data} or {@code data and rewrites}; {@code files}
 *     (the new data files of other loads, or what remains of an upsert's); {@code iceberg} (the
 *     table's new metadata and the catalog's pointer), {@code cleanup} (forgetting the staged rows)
 */
public record CommitResult(
    long snapshotId,
    long rowsWritten,
    long bytesWritten,
    int filesRewritten,
    long rowsDeleted,
    boolean compactionDeferred,
    java.util.Map<String, Long> phases) {
  public CommitResult {
    phases = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phases));
  }

  /** The same result with {@code phases} as its phases. */
  public CommitResult withPhases(java.util.Map<String, Long> phases) {
    return new CommitResult(
        snapshotId,
        rowsWritten,
        bytesWritten,
        filesRewritten,
        rowsDeleted,
        compactionDeferred,
        phases);
  }

  /** The phases as text, such as {@code "uploads 0 ms, files 420 ms, iceberg 180 ms"}. */
  public String phasesText() {
    return String.join(
        ", ",
        phases.entrySet().stream()
            .map(phase -> phase.getKey() + " " + phase.getValue() + " ms")
            .toList());
  }
}

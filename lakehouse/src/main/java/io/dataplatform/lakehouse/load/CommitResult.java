package io.dataplatform.lakehouse.load;

/**
 * What one commit did.
 *
 * @param snapshotId the new snapshot
 * @param rowsWritten rows in the data files the commit added
 * @param bytesWritten size of those files
 * @param filesRewritten existing data files replaced (overwrite, and upserts that compact)
 * @param rowsDeleted existing rows an upsert deleted by position-delete files
 */
public record CommitResult(
    long snapshotId, long rowsWritten, long bytesWritten, int filesRewritten, long rowsDeleted) {}

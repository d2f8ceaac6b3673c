package io.dataplatform.lakehouse.load;

/**
 * What one commit did.
 *
 * @param snapshotId the new snapshot
 * @param rowsWritten rows in the data files the commit added
 * @param bytesWritten size of those files
 * @param filesRewritten existing data files replaced (overwrite and upsert)
 */
public record CommitResult(
    long snapshotId, long rowsWritten, long bytesWritten, int filesRewritten) {}

package io.dataplatform.ingest.source.file;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One file of a file source.
 *
 * @param name how the file is named in the {@code _dp_file} column and in the sync state: {@code
 *     s3://bucket/key} or the absolute local path
 * @param relativePath the path under the configured prefix or directory, matched by the glob
 * @param modified when the file was last written
 * @param version what changes when the file's content changes (size and time, or the ETag)
 */
public record FileObject(
    String name, String relativePath, Instant modified, long size, String version) {
  public FileObject {
    requireNonNull(name, "name");
    requireNonNull(relativePath, "relativePath");
    requireNonNull(modified, "modified");
    requireNonNull(version, "version");
  }
}

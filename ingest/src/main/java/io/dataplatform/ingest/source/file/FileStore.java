package io.dataplatform.ingest.source.file;

import java.nio.file.Path;
import java.util.List;

/** Where the files of a file source live: an import directory or an S3 bucket. */
public interface FileStore extends AutoCloseable {
  /**
   * The files under the configured location that match the glob, sorted by modification time then
   * name.
   *
   * @throws io.dataplatform.api.DpException when the location cannot be listed
   */
  List<FileObject> list();

  /**
   * A local file holding the object's bytes: the file itself for local stores, a download into
   * {@code workDirectory} for remote ones (which the caller deletes after use).
   */
  Path localCopy(FileObject file, Path workDirectory);

  /** Whether {@link #localCopy} made a copy that the caller must delete. */
  boolean copies();

  /** The location for messages, without credentials. */
  String describe();

  @Override
  void close();
}

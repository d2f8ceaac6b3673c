package io.dataplatform.lakehouse.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.io.FileIO;

/**
 * The local files one statement's DuckDB work reads and writes. Files handed out for reading stay
 * readable until {@link #close()}.
 */
public interface StatementFiles extends AutoCloseable {
  /**
   * The local path DuckDB reads for a data or delete file.
   *
   * @param location the file's location as Iceberg records it
   * @param sizeBytes its size when known (from the manifest), else -1
   */
  String readable(String location, long sizeBytes);

  /**
   * Makes files readable ahead of {@link #readable(String, long)} calls, fetching them in parallel
   * where they are remote.
   *
   * @param sizesByLocation each file's size when known, else -1
   */
  default void prefetch(Map<String, Long> sizesByLocation) {}

  /**
   * The objects an {@code s3://bucket/key} location names outside the lake: the object itself, or,
   * when the key holds glob wildcards, every object whose key matches, sorted by key. Read with the
   * warehouse's S3 endpoint and credentials.
   *
   * @throws io.dataplatform.api.DpException when the warehouse is not on S3, the object does not
   *     exist, nothing matches or the bucket cannot be read
   */
  List<ObjectVersion> findObjects(String location);

  /**
   * Local copies of objects {@link #findObjects(String)} found, in the same order, readable until
   * {@link #close()}; each is the content of exactly the version found.
   *
   * @throws io.dataplatform.api.DpException when the objects this statement reads would not fit in
   *     the local cache, or an object changed or vanished since it was found
   */
  List<String> readableObjects(List<ObjectVersion> objects);

  /** The local path DuckDB writes to for a file or directory that will be at {@code location}. */
  Path staging(String location);

  /**
   * Makes a file written at {@link #staging(String)} available at its location; the staged file may
   * be gone afterwards.
   *
   * @return the location to record in Iceberg metadata
   */
  String publish(FileIO io, Path staged, String location);

  /**
   * Whether {@link #publish} copies the file somewhere else (an upload), so that it returns {@code
   * location} and may run on another thread; false when files are published in place.
   */
  default boolean uploads() {
    return false;
  }

  @Override
  void close();
}

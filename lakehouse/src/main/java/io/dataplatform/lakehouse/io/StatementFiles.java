package io.dataplatform.lakehouse.io;

import java.nio.file.Path;
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

  /** The local path DuckDB writes to for a file or directory that will be at {@code location}. */
  Path staging(String location);

  /**
   * Makes a file written at {@link #staging(String)} available at its location; the staged file may
   * be gone afterwards.
   *
   * @return the location to record in Iceberg metadata
   */
  String publish(FileIO io, Path staged, String location);

  @Override
  void close();
}

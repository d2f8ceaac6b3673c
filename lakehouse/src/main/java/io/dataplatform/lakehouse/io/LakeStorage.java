package io.dataplatform.lakehouse.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.io.FileIO;

/**
 * Where the lakehouse's files live and how DuckDB gets at them: in place for a local warehouse,
 * through a local cache and staging area for S3. One per lakehouse.
 */
public interface LakeStorage extends AutoCloseable {
  /** The storage of a configured warehouse; creates local directories it needs. */
  static LakeStorage open(Warehouse warehouse) {
    if (warehouse instanceof LocalWarehouse local) {
      return LocalLakeStorage.open(local);
    }
    return S3LakeStorage.open((S3Warehouse) warehouse);
  }

  /**
   * The Iceberg catalog properties for this storage: the warehouse location, the FileIO class and
   * its settings (which may include secrets: never log them).
   */
  Map<String, String> catalogProperties();

  /** A FileIO for reading table and view metadata outside the catalog. */
  FileIO fileIO();

  /**
   * The FileIO of the catalog, whose tables read and write through it; by default a new one made
   * from the {@link #catalogProperties()} {@code properties} give.
   */
  default FileIO catalogFileIO(Map<String, String> properties) {
    return CatalogUtil.loadFileIO(properties.get(CatalogProperties.FILE_IO_IMPL), properties, null);
  }

  /** The local directories DuckDB must be allowed to read and write. */
  List<Path> localDirectories();

  /** The files of one statement; close it when the statement ends. */
  StatementFiles openStatement();

  @Override
  void close();
}

package io.dataplatform.lakehouse.io;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.io.FileIO;

/** A warehouse directory that DuckDB reads and writes in place. */
final class LocalLakeStorage implements LakeStorage {
  private static final StatementFiles IN_PLACE =
      new StatementFiles() {
        @Override
        public String readable(String location, long sizeBytes) {
          return LocalFileIO.toLocalPath(location);
        }

        @Override
        public List<ObjectVersion> findObjects(String location) {
          throw notOnS3(location);
        }

        @Override
        public List<String> readableObjects(List<ObjectVersion> objects) {
          throw notOnS3(objects.isEmpty() ? "s3 objects" : objects.get(0).location());
        }

        @Override
        public Path staging(String location) {
          return Paths.get(LocalFileIO.toLocalPath(location));
        }

        @Override
        public String publish(FileIO io, Path staged, String location) {
          return staged.toString();
        }

        @Override
        public void close() {}
      };

  private final Path directory;
  private final FileIO io = new LocalFileIO();

  private LocalLakeStorage(Path directory) {
    this.directory = requireNonNull(directory, "directory");
  }

  private static DpException notOnS3(String location) {
    return new DpException(
        StandardErrorCode.NOT_SUPPORTED,
        "Cannot read "
            + location
            + ": the warehouse is not on S3; SQL reads local files in the warehouse directory only");
  }

  static LocalLakeStorage open(LocalWarehouse warehouse) {
    try {
      Files.createDirectories(warehouse.directory());
    } catch (IOException e) {
      throw new DpException(
          StandardErrorCode.INVALID_CONFIGURATION,
          "Cannot open lakehouse: cannot create the warehouse directory ("
              + warehouse.directory()
              + ")",
          e);
    }
    return new LocalLakeStorage(warehouse.directory());
  }

  @Override
  public Map<String, String> catalogProperties() {
    return Map.of(
        CatalogProperties.WAREHOUSE_LOCATION,
        directory.toString(),
        CatalogProperties.FILE_IO_IMPL,
        LocalFileIO.class.getName());
  }

  @Override
  public FileIO fileIO() {
    return io;
  }

  @Override
  public List<Path> localDirectories() {
    return List.of(directory);
  }

  @Override
  public StatementFiles openStatement() {
    return IN_PLACE;
  }

  @Override
  public void close() {
    io.close();
  }
}

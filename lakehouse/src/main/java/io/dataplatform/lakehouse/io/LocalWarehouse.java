package io.dataplatform.lakehouse.io;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A warehouse in a local directory, read and written by DuckDB in place.
 *
 * @param directory the directory holding every table's data and metadata
 */
public record LocalWarehouse(Path directory) implements Warehouse {
  public LocalWarehouse {
    requireNonNull(directory, "directory");
    directory = directory.toAbsolutePath().normalize();
  }

  @Override
  public String location() {
    return directory.toString();
  }
}

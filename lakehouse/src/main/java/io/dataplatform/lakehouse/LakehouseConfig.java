package io.dataplatform.lakehouse;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.lakehouse.io.LocalWarehouse;
import io.dataplatform.lakehouse.io.Warehouse;
import java.nio.file.Path;

/**
 * Configuration of the lakehouse engine.
 *
 * @param warehouse where every table's data and metadata live ({@code lakehouse.warehouse}, default
 *     the directory {@code <data>/warehouse}): a {@link LocalWarehouse} or an {@link
 *     io.dataplatform.lakehouse.io.S3Warehouse}
 * @param threads DuckDB worker threads per statement ({@code lakehouse.threads}, default the number
 *     of processors)
 * @param memoryLimit DuckDB memory limit per statement, e.g. {@code 4GB} ({@code
 *     lakehouse.memory-limit}); empty for DuckDB's default (80% of RAM)
 */
public record LakehouseConfig(Warehouse warehouse, int threads, String memoryLimit) {
  public LakehouseConfig {
    requireNonNull(warehouse, "warehouse");
    requireNonNull(memoryLimit, "memoryLimit");
    if (threads < 1) {
      throw new DpException(
          StandardErrorCode.INVALID_CONFIGURATION,
          "Cannot configure lakehouse: threads must be at least 1 (" + threads + ")");
    }
    if (!memoryLimit.isEmpty() && !memoryLimit.matches("[0-9]+(\\.[0-9]+)?\\s*[KMGT]i?B")) {
      throw new DpException(
          StandardErrorCode.INVALID_CONFIGURATION,
          "Cannot configure lakehouse: memory limit must look like 512MB or 4GB ("
              + memoryLimit
              + ")");
    }
  }

  /** A configuration with a warehouse in a local directory. */
  public LakehouseConfig(Path warehouse, int threads, String memoryLimit) {
    this(new LocalWarehouse(requireNonNull(warehouse, "warehouse")), threads, memoryLimit);
  }

  /** The defaults for a warehouse directory. */
  public static LakehouseConfig of(Path warehouse) {
    return of(new LocalWarehouse(requireNonNull(warehouse, "warehouse")));
  }

  /** The defaults for a warehouse, local or on S3. */
  public static LakehouseConfig of(Warehouse warehouse) {
    return new LakehouseConfig(warehouse, Runtime.getRuntime().availableProcessors(), "");
  }
}

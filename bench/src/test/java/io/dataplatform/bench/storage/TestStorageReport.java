package io.dataplatform.bench.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.bench.storage.Measurements.Operation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestStorageReport {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void reportsRatiosToTheFileBaselineAndToTheCeilings() {
    StorageOptions options = StorageOptions.parse("--large-mb", "100", "--small-count", "300");
    Measurements measurements = new Measurements();
    // 100 MiB: file write 1 s, PUT 4 s, MD5 2 s; file read 0.1 s, GET 1 s, loopback 0.5 s
    measurements.add(Operation.FILE_WRITE, SECOND);
    measurements.add(Operation.STORE_PUT, 4 * SECOND);
    measurements.add(Operation.MD5_DIGEST, 2 * SECOND);
    measurements.add(Operation.FILE_READ, SECOND / 10);
    measurements.add(Operation.STORE_GET, SECOND);
    measurements.add(Operation.LOOPBACK_TRANSFER, SECOND / 2);
    measurements.add(Operation.FILE_SMALL_WRITES, SECOND / 10);
    measurements.add(Operation.STORE_SMALL_PUTS, 2 * SECOND);
    List<String> lines =
        new StorageReport(options, "setup", measurements, Optional.empty()).lines();
    String text = String.join("\n", lines);
    assertTrue(
        text.contains("PUT 100 MiB                 25.0 MiB/s     100.0 MiB/s       0.25"), text);
    assertTrue(
        text.contains("GET 100 MiB                100.0 MiB/s    1000.0 MiB/s       0.10"), text);
    assertTrue(text.contains("PUT 300 x 4 KiB            150.0 ops/s    3000.0 ops/s"), text);
    assertTrue(text.contains(">= 300 PUTs/s: NOT met"), text);
    assertEquals(
        "loopback TCP socket        200.0 MiB/s  = 0.20 of file read; GET reaches 0.50 of it",
        lines.get(lines.size() - 2));
    assertEquals(
        "MD5 (a PUT's ETag)          50.0 MiB/s  = 0.50 of file write; PUT reaches 0.50 of it",
        lines.get(lines.size() - 1));
  }
}

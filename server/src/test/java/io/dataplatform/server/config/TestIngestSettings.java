package io.dataplatform.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dataplatform.api.DpException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestIngestSettings {
  private static IngestSettings load(Map<String, String> environment) {
    return new ConfigLoader(environment).load(Optional.empty(), Map.of()).ingest();
  }

  @Test
  void defaults() {
    IngestSettings settings = load(Map.of());
    assertEquals(Duration.ofSeconds(1), settings.commitInterval());
    assertEquals(Duration.ofSeconds(5), settings.cdcIdleStop());
    assertEquals(10_000, settings.batchRows());
    assertEquals(List.of(), settings.importDirectories());
  }

  @Test
  void environmentOverrides() {
    IngestSettings settings =
        load(
            Map.of(
                "DP_INGEST_COMMIT_INTERVAL", "250ms",
                "DP_INGEST_CDC_IDLE_STOP", "2m",
                "DP_INGEST_BATCH_ROWS", "500",
                "DP_INGEST_IMPORT_DIRECTORIES", "/srv/imports, /data/drop/"));
    assertEquals(Duration.ofMillis(250), settings.commitInterval());
    assertEquals(Duration.ofMinutes(2), settings.cdcIdleStop());
    assertEquals(500, settings.batchRows());
    assertEquals(
        List.of(Path.of("/srv/imports"), Path.of("/data/drop")), settings.importDirectories());
  }

  @Test
  void badValuesNameTheKey() {
    DpException interval =
        assertThrows(DpException.class, () -> load(Map.of("DP_INGEST_COMMIT_INTERVAL", "soon")));
    assertEquals(
        "Cannot read configuration: ingest.commit-interval must look like 500ms, 1s or 1m (soon)",
        interval.getMessage());
    DpException idle =
        assertThrows(DpException.class, () -> load(Map.of("DP_INGEST_CDC_IDLE_STOP", "0s")));
    assertEquals(
        "Cannot read configuration: ingest.cdc-idle-stop must be longer than 0 (0s)",
        idle.getMessage());
    DpException idleUnit =
        assertThrows(DpException.class, () -> load(Map.of("DP_INGEST_CDC_IDLE_STOP", "5 hours")));
    assertEquals(
        "Cannot read configuration: ingest.cdc-idle-stop must look like 5s, 30s or 5m (5 hours)",
        idleUnit.getMessage());
    DpException rows =
        assertThrows(DpException.class, () -> load(Map.of("DP_INGEST_BATCH_ROWS", "0")));
    assertEquals(
        "Cannot read configuration: ingest.batch-rows must be a positive number (0)",
        rows.getMessage());
    DpException directory =
        assertThrows(
            DpException.class, () -> load(Map.of("DP_INGEST_IMPORT_DIRECTORIES", "relative/dir")));
    assertEquals(
        "Cannot read configuration: ingest.import-directories must list absolute directories"
            + " (relative/dir)",
        directory.getMessage());
  }
}

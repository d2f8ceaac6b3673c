package io.dataplatform.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestConfigLoader {
  @TempDir Path directory;

  @Test
  void usesDefaults() {
    ServerConfig config = new ConfigLoader(Map.of()).load(Optional.of(write("{}")), Map.of());
    assertEquals(8080, config.httpPort());
    assertEquals(32010, config.flightPort());
    assertEquals("127.0.0.1", config.bindHost());
    assertEquals(Path.of("dp-data").toAbsolutePath(), config.dataDirectory());
    assertTrue(config.metastore().url().startsWith("jdbc:h2:async:"));
    assertEquals(Optional.empty(), config.adminPassword());
  }

  @Test
  void fileThenEnvironmentThenFlags() {
    Path file = write("http:\n  port: 9001\nflight:\n  port: 9002\ndata-dir: /tmp/from-file\n");
    ConfigLoader loader =
        new ConfigLoader(Map.of("DP_FLIGHT_PORT", "9102", "DP_HOME", "/tmp/from-env"));
    ServerConfig config =
        loader.load(Optional.of(file), Map.of(ConfigKey.DATA_DIR, "/tmp/from-flag"));
    assertEquals(9001, config.httpPort());
    assertEquals(9102, config.flightPort());
    assertEquals(Path.of("/tmp/from-flag"), config.dataDirectory());
  }

  @Test
  void configuresPostgresMetastore() {
    ServerConfig config =
        new ConfigLoader(
                Map.of(
                    "DP_METASTORE_URL", "jdbc:postgresql://127.0.0.1:5432/dp",
                    "DP_METASTORE_USER", "dp",
                    "DP_METASTORE_PASSWORD", "pw"))
            .load(Optional.of(write("{}")), Map.of());
    assertTrue(config.metastore().isPostgres());
    assertEquals("dp", config.metastore().user());
    assertTrue(config.toString().contains("password=****"), config.toString());
  }

  @Test
  void refusesUnknownKeysAndBadValues() {
    DpException unknown =
        assertThrows(
            DpException.class,
            () ->
                new ConfigLoader(Map.of()).load(Optional.of(write("htp:\n  port: 1\n")), Map.of()));
    assertTrue(
        unknown.getMessage().startsWith("Cannot read configuration file: unknown key htp.port;"),
        unknown.getMessage());
    DpException port =
        assertThrows(
            DpException.class,
            () ->
                new ConfigLoader(Map.of("DP_HTTP_PORT", "eighty"))
                    .load(Optional.of(write("{}")), Map.of()));
    assertEquals(
        "Cannot use http.port: expected a non-negative whole number (eighty)", port.getMessage());
    DpException url =
        assertThrows(
            DpException.class,
            () ->
                new ConfigLoader(Map.of("DP_METASTORE_URL", "jdbc:mysql://x"))
                    .load(Optional.of(write("{}")), Map.of()));
    assertEquals(
        "Cannot use metastore URL: only jdbc:h2: and jdbc:postgresql: are supported"
            + " (jdbc:mysql://x)",
        url.getMessage());
  }

  @Test
  void readsOrchestratorSettings() {
    ServerConfig defaults = new ConfigLoader(Map.of()).load(Optional.of(write("{}")), Map.of());
    assertEquals(
        Path.of("pipelines").toAbsolutePath(), defaults.orchestrator().pipelinesDirectory());
    assertEquals(4, defaults.orchestrator().maxConcurrentRuns());
    ServerConfig config =
        new ConfigLoader(Map.of("DP_PIPELINES_DIR", "/srv/pipelines"))
            .load(Optional.of(write("orchestrator:\n  max-concurrent-runs: 9\n")), Map.of());
    assertEquals(Path.of("/srv/pipelines"), config.orchestrator().pipelinesDirectory());
    assertEquals(9, config.orchestrator().maxConcurrentRuns());
    DpException zero =
        assertThrows(
            DpException.class,
            () ->
                new ConfigLoader(Map.of("DP_MAX_CONCURRENT_RUNS", "0"))
                    .load(Optional.of(write("{}")), Map.of()));
    assertEquals(
        "Cannot use orchestrator.max-concurrent-runs: expected at least 1 (0)", zero.getMessage());
  }

  private Path write(String yaml) {
    try {
      Path file = Files.createTempFile(directory, "dp", ".yml");
      Files.writeString(file, yaml);
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

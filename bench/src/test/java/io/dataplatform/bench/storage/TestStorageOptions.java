package io.dataplatform.bench.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TestStorageOptions {
  @Test
  void defaultsToTheSizesOfTheTargets() {
    StorageOptions options = StorageOptions.parse();
    assertEquals(256L << 20, options.largeBytes());
    assertEquals(1000, options.smallCount());
    assertEquals(2L << 30, options.multipartBytes());
    assertEquals(64L << 20, options.partBytes());
    assertTrue(options.multipart());
    assertEquals(3, options.runs());
    assertEquals(Path.of("data"), options.dataRoot());
    assertEquals(Path.of("../server/target/dp-server.jar"), options.serverJar());
    assertTrue(options.endpoint().isEmpty());
    assertEquals(OptionalLong.empty(), options.serverPid());
  }

  @Test
  void parsesEveryOption() {
    StorageOptions options =
        StorageOptions.parse(
            "--data",
            "/tmp/bench",
            "--large-mb",
            "16",
            "--small-count",
            "50",
            "--multipart-gb",
            "0.25",
            "--part-mb",
            "8",
            "--skip-multipart",
            "--runs",
            "5",
            "--server-jar",
            "/opt/dp.jar",
            "--endpoint",
            "http://127.0.0.1:9000",
            "--access-key",
            "key",
            "--secret-key",
            "secretsecret",
            "--server-pid",
            "4242");
    assertEquals(Path.of("/tmp/bench"), options.dataRoot());
    assertEquals(16L << 20, options.largeBytes());
    assertEquals(50, options.smallCount());
    assertEquals(256L << 20, options.multipartBytes());
    assertEquals(8L << 20, options.partBytes());
    assertFalse(options.multipart());
    assertEquals(5, options.runs());
    assertEquals(Path.of("/opt/dp.jar"), options.serverJar());
    S3Endpoint endpoint = options.endpoint().orElseThrow();
    assertEquals(URI.create("http://127.0.0.1:9000"), endpoint.uri());
    assertEquals("key", endpoint.accessKey());
    assertEquals("secretsecret", endpoint.secretKey());
    assertEquals("http://127.0.0.1:9000 (access key key)", endpoint.toString());
    assertEquals(OptionalLong.of(4242), options.serverPid());
  }

  @Test
  void rejectsAnEndpointWithoutItsKeys() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> StorageOptions.parse("--endpoint", "http://127.0.0.1:9000", "--access-key", "k"));
    assertEquals(
        "Cannot run the benchmark: --endpoint needs --access-key and --secret-key"
            + " (http://127.0.0.1:9000)",
        error.getMessage());
  }

  @Test
  void rejectsAServerPidWithoutAnEndpoint() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> StorageOptions.parse("--server-pid", "1"));
    assertEquals(
        "Cannot run the benchmark: --server-pid goes with --endpoint (the harness knows the pid"
            + " of the platform it starts)",
        error.getMessage());
  }

  @Test
  void rejectsPartsSmallerThanS3Allows() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> StorageOptions.parse("--part-mb", "4"));
    assertEquals(
        "Cannot run the benchmark: S3 parts are at least 5 MiB (--part-mb 4)", error.getMessage());
  }

  @Test
  void rejectsUnknownOptionsWithTheUsage() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> StorageOptions.parse("--size", "1"));
    assertEquals(
        "Cannot run the benchmark: unknown option (--size)\n" + StorageOptions.USAGE,
        error.getMessage());
  }

  @Test
  void rejectsNonPositiveCounts() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> StorageOptions.parse("--runs", "0"));
    assertEquals("Cannot run the benchmark: --runs must be positive (0)", error.getMessage());
  }
}

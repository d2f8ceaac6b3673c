package io.dataplatform.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestBenchOptions {
  @Test
  void defaultsToScaleOneWithFiveRunsOnThePlatform() {
    BenchOptions options = BenchOptions.parse();
    assertEquals(1.0, options.scale());
    assertEquals(5, options.runs());
    assertEquals(Duration.ofMinutes(15), options.timeout());
    assertEquals(BenchOptions.Mode.PLATFORM, options.mode());
    assertEquals(Path.of("../server/target/dp-server.jar"), options.serverJar());
    assertEquals(Path.of("data", "sf1"), options.parquetDirectory());
    assertEquals(List.of(), options.queries());
  }

  @Test
  void parsesEveryOption() {
    BenchOptions options =
        BenchOptions.parse(
            "--scale",
            "0.01",
            "--runs",
            "5",
            "--timeout",
            "60",
            "--spark",
            "--queries",
            "1, 6,22",
            "--server-jar",
            "/opt/dp.jar",
            "--data",
            "/tmp/bench",
            "--keep-data");
    assertEquals(0.01, options.scale());
    assertEquals(5, options.runs());
    assertEquals(Duration.ofSeconds(60), options.timeout());
    assertTrue(options.spark());
    assertTrue(options.keepData());
    assertEquals(List.of(1, 6, 22), options.queries());
    assertEquals(Path.of("/opt/dp.jar"), options.serverJar());
    assertEquals(Path.of("/tmp/bench/sf0.01"), options.parquetDirectory());
  }

  @Test
  void choosesTheClientThatReachesThePlatform() {
    assertEquals(BenchOptions.Client.JDBC, BenchOptions.parse().client());
    assertEquals(BenchOptions.Client.FLIGHT, BenchOptions.parse("--client", "flight").client());
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--client", "odbc"));
    assertEquals("Cannot run the benchmark: --client is jdbc or flight (odbc)", error.getMessage());
  }

  @Test
  void rejectsSparkWithoutThePlatform() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> BenchOptions.parse("--baseline-only", "--spark"));
    assertEquals(
        "Cannot run the benchmark: --spark needs the platform, not --baseline-only",
        error.getMessage());
  }

  @Test
  void rejectsUnknownQueriesAndOptions() {
    IllegalArgumentException query =
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--queries", "23"));
    assertEquals(
        "Cannot run the benchmark: TPC-H queries are numbered 1 to 22 (23)", query.getMessage());
    IllegalArgumentException option =
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--fast"));
    assertTrue(
        option.getMessage().startsWith("Cannot run the benchmark: unknown option (--fast)"),
        option.getMessage());
    IllegalArgumentException timeout =
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--timeout", "0"));
    assertEquals("Cannot run the benchmark: timeout must be positive (0 s)", timeout.getMessage());
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--scale"));
    assertEquals("Cannot run the benchmark: option needs a value (--scale)", missing.getMessage());
  }

  @Test
  void warmsUpThreeThousandRoundTripsUnlessToldOtherwise() {
    assertEquals(3000, BenchOptions.parse().warmUp());
    assertEquals(0, BenchOptions.parse("--warm-up", "0").warmUp());
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--warm-up", "-1"));
    assertEquals("Cannot run the benchmark: warm-up must be 0 or more (-1)", error.getMessage());
  }
}

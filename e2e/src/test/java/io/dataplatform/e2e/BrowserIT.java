package io.dataplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's Chromium, driven by playwright-core, logs into the web UI of a real {@code dp up}, runs
 * a query and sees its result, sees the error panel for a bad query, and finds the query in
 * History.
 */
class BrowserIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path directory;

  @Test
  void logsInRunsAQueryAndSeesTheResult() throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      String reason = "Chromium is not installed (apt-get install chromium); .ci/run installs it";
      if ("true".equals(System.getenv("CI"))) {
        fail(reason);
      }
      assumeTrue(false, reason);
    }
    Path scripts = Path.of(System.getProperty("dp.e2e.dir", ".")).resolve("browser");
    run(scripts, List.of("npm", "install", "--no-audit", "--no-fund", "--silent"));
    try (DpProcess dp = DpProcess.start(directory.resolve("data"), "up", Map.of())) {
      Path screenshots = Files.createDirectories(directory.resolve("screenshots"));
      String output =
          run(
              scripts,
              List.of(
                  "node",
                  "login-and-query.mjs",
                  dp.baseUrl() + "/",
                  "admin",
                  DpProcess.PASSWORD,
                  screenshots.toString()));
      assertTrue(output.contains("\"ok\":true"), output);
      assertTrue(Files.size(screenshots.resolve("result.png")) > 0);
    }
  }

  private static String run(Path directory, List<String> command) throws Exception {
    Path log = Files.createTempFile("dp-browser", ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(String.join(" ", command) + " did not finish in 180 s:\n" + Files.readString(log));
    }
    String output = Files.readString(log);
    assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + output);
    return output;
  }
}

package io.dataplatform.e2e;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Node scripts under {@code e2e/browser}: playwright-core driving Debian's Chromium against the
 * web UI of a real {@code dp up}.
 */
final class BrowserScripts {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private final Path scripts;
  private final Duration timeout;

  private BrowserScripts(Path scripts, Duration timeout) {
    this.scripts = requireNonNull(scripts, "scripts");
    this.timeout = requireNonNull(timeout, "timeout");
  }

  /**
   * Installs the scripts' packages; without Chromium the test is skipped, except in CI where it
   * fails. Each command (the install, a script) must finish within the timeout.
   */
  static BrowserScripts install(Duration timeout) throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      String reason = "Chromium is not installed (apt-get install chromium); .ci/run installs it";
      if ("true".equals(System.getenv("CI"))) {
        fail(reason);
      }
      assumeTrue(false, reason);
    }
    BrowserScripts browser =
        new BrowserScripts(
            Path.of(System.getProperty("dp.e2e.dir", ".")).resolve("browser"), timeout);
    browser.run(List.of("npm", "install", "--no-audit", "--no-fund", "--silent"));
    return browser;
  }

  /**
   * Starts {@code dp up} with its data in {@code directory/data}, runs the script against its web
   * UI as the admin, asserts that the script reports success, and returns the directory the script
   * saved its screenshots in.
   */
  Path runAgainstNewServer(Path directory, String script) throws Exception {
    try (DpProcess dp = DpProcess.start(directory.resolve("data"), "up", Map.of())) {
      Path screenshots = Files.createDirectories(directory.resolve("screenshots"));
      String output =
          run(
              List.of(
                  "node",
                  script,
                  dp.baseUrl() + "/",
                  "admin",
                  DpProcess.PASSWORD,
                  screenshots.toString()));
      assertTrue(output.contains("\"ok\":true"), output);
      return screenshots;
    }
  }

  /**
   * Runs a script against a running server's web UI as the admin, with extra arguments after the
   * usual four, and asserts that it reports success.
   */
  String runAgainst(DpProcess dp, Path screenshots, String script, String... arguments)
      throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "node",
                script,
                dp.baseUrl() + "/",
                "admin",
                DpProcess.PASSWORD,
                screenshots.toString()));
    command.addAll(List.of(arguments));
    String output = run(command);
    assertTrue(output.contains("\"ok\":true"), output);
    return output;
  }

  private String run(List<String> command) throws Exception {
    Path log = Files.createTempFile("dp-browser", ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(scripts.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(
          String.join(" ", command)
              + " did not finish in "
              + timeout.toSeconds()
              + " s:\n"
              + Files.readString(log));
    }
    String output = Files.readString(log);
    assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + output);
    return output;
  }
}

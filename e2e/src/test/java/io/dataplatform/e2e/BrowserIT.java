package io.dataplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's Chromium, driven by playwright-core, logs into the web UI of a real {@code dp up}, runs
 * a query and sees its result, sees the error panel for a bad query, and finds the query in
 * History.
 */
class BrowserIT {
  @TempDir Path directory;

  @Test
  void logsInRunsAQueryAndSeesTheResult() throws Exception {
    Path screenshots =
        BrowserScripts.install(Duration.ofSeconds(180))
            .runAgainstNewServer(directory, "login-and-query.mjs");
    assertTrue(Files.size(screenshots.resolve("result.png")) > 0);
  }
}

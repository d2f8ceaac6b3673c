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
 * Debian's Chromium, driven by playwright-core, uses the storage console of a real {@code dp up}:
 * creates a bucket, enables versioning, uploads a small file and a 12 MiB file (multipart), browses
 * a folder, downloads and compares both, makes a second version, deletes the object (a delete
 * marker appears among the versions) and deletes one version.
 */
class StorageBrowserIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path directory;

  @Test
  void managesBucketsObjectsAndVersionsInTheConsole() throws Exception {
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
                  "storage.mjs",
                  dp.baseUrl() + "/",
                  "admin",
                  DpProcess.PASSWORD,
                  screenshots.toString()));
      assertTrue(output.contains("\"ok\":true"), output);
      for (String screenshot :
          List.of(
              "storage-upload.png",
              "storage-bucket.png",
              "storage-versions.png",
              "storage-delete-marker.png",
              "storage-buckets.png")) {
        assertTrue(Files.size(screenshots.resolve(screenshot)) > 0, screenshot);
      }
    }
  }

  private static String run(Path directory, List<String> command) throws Exception {
    Path log = Files.createTempFile("dp-storage-browser", ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(300, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(String.join(" ", command) + " did not finish in 300 s:\n" + Files.readString(log));
    }
    String output = Files.readString(log);
    assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + output);
    return output;
  }
}

package io.dataplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's Chromium, driven by playwright-core, uses the storage console of a real {@code dp up}:
 * creates a bucket, enables versioning, uploads a small file and a 12 MiB file (multipart), browses
 * a folder, downloads and compares both, makes a second version, deletes the object (a delete
 * marker appears among the versions) and deletes one version.
 */
class StorageBrowserIT {
  @TempDir Path directory;

  @Test
  void managesBucketsObjectsAndVersionsInTheConsole() throws Exception {
    Path screenshots =
        BrowserScripts.install(Duration.ofSeconds(300))
            .runAgainstNewServer(directory, "storage.mjs");
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

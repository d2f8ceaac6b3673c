package io.dataplatform.storage.disk;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The directory holding every version of one key. Each version is one file named {@code <stamp>.v}
 * (a versioned write, whose version id is the stamp) or {@code <stamp>.null} (S3's "null" version).
 * Stamps are fixed-width hex, assigned at commit under the key's lock and increasing, so the
 * greatest name is the current version.
 */
final class KeyDirectory {
  static final String NULL_VERSION = "null";
  private static final Pattern VERSION_FILE = Pattern.compile("([0-9a-f]{16})\\.(v|null)");

  private KeyDirectory() {}

  /** One version file of a key. */
  record Version(Path path, String stamp, boolean nullVersion) {
    String versionId() {
      return nullVersion ? NULL_VERSION : stamp;
    }
  }

  static String fileName(String stamp, boolean nullVersion) {
    return stamp + (nullVersion ? ".null" : ".v");
  }

  /** The versions of the key, newest first; empty when the directory does not exist. */
  static List<Version> versions(Path directory) throws IOException {
    List<Version> versions = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        Matcher matcher = VERSION_FILE.matcher(entry.getFileName().toString());
        if (matcher.matches()) {
          versions.add(new Version(entry, matcher.group(1), matcher.group(2).equals("null")));
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    }
    versions.sort(Comparator.comparing(Version::stamp).reversed());
    return versions;
  }

  static Optional<Version> latest(Path directory) throws IOException {
    return versions(directory).stream().findFirst();
  }

  static Optional<Version> find(Path directory, String versionId) throws IOException {
    return versions(directory).stream()
        .filter(version -> version.versionId().equals(versionId))
        .findFirst();
  }

  static boolean isVersionId(String versionId) {
    return NULL_VERSION.equals(versionId) || versionId.matches("[0-9a-f]{16}");
  }

  /** Removes the key's directory once it holds no version; ignores a directory still in use. */
  static void removeIfEmpty(Path directory, DirectorySync directories) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      if (entries.iterator().hasNext()) {
        return;
      }
    } catch (NoSuchFileException e) {
      return;
    }
    try {
      Files.deleteIfExists(directory);
      directories.sync(directory.getParent());
    } catch (java.nio.file.DirectoryNotEmptyException e) {
      // A concurrent write added a version; the directory stays.
    }
  }
}

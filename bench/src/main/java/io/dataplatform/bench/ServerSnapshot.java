package io.dataplatform.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A private copy of the built server (its jar and the {@code lib/} folder beside it). The platform
 * runs from the copy, so rebuilding the server while the benchmark runs cannot pull classes from
 * under the running process.
 */
public final class ServerSnapshot {
  private ServerSnapshot() {}

  /** Copies {@code serverJar} and its {@code lib/} folder into {@code target}; returns the copy. */
  public static Path copy(Path serverJar, Path target) throws IOException {
    if (!Files.isRegularFile(serverJar)) {
      throw new IOException(
          "Cannot start the platform: server jar not found, build it with"
              + " 'mvn -B -q -DskipTests install' at the root ("
              + serverJar.toAbsolutePath()
              + ")");
    }
    Files.createDirectories(target);
    Path jar = target.resolve(serverJar.getFileName());
    Files.copy(serverJar, jar);
    Path lib = serverJar.toAbsolutePath().getParent().resolve("lib");
    if (Files.isDirectory(lib)) {
      Path libCopy = Files.createDirectories(target.resolve("lib"));
      try (Stream<Path> files = Files.list(lib)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Files.copy(file, libCopy.resolve(file.getFileName()));
        }
      }
    }
    return jar;
  }
}

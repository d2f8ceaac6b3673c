package io.dataplatform.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

/**
 * The class-data sharing archive the {@code ./dp} launcher starts the platform with ({@code
 * server/target/dp-server.jsa}), made the same way when it is missing or older than the build, so
 * that the benchmarks start the platform as users do.
 */
final class ClassArchive {
  /** Environment variable that, when set, starts the platform without the archive. */
  static final String DISABLED = "DP_NO_CLASS_ARCHIVE";

  private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

  private ClassArchive() {}

  /** The JVM options that use the archive, after making it; none when it is disabled or fails. */
  static synchronized List<String> javaOptions(Path serverJar, Path java)
      throws IOException, InterruptedException {
    if (System.getenv(DISABLED) != null) {
      System.out.println("class-data archive: not used (" + DISABLED + " is set)");
      return List.of();
    }
    Path archive = serverJar.resolveSibling("dp-server.jsa");
    if (isStale(archive, serverJar)) {
      System.out.println("class-data archive: making " + archive + " (dp warm-up, as ./dp does)");
      if (!make(archive, serverJar, java)) {
        return List.of();
      }
    }
    return Stream.concat(Stream.of("-XX:SharedArchiveFile=" + archive), QUIET.stream()).toList();
  }

  private static boolean isStale(Path archive, Path serverJar) throws IOException {
    if (!Files.isRegularFile(archive)) {
      return true;
    }
    FileTime made = Files.getLastModifiedTime(archive);
    if (Files.getLastModifiedTime(serverJar).compareTo(made) > 0) {
      return true;
    }
    Path lib = serverJar.resolveSibling("lib");
    try (Stream<Path> jars = Files.list(lib)) {
      for (Path jar : (Iterable<Path>) jars::iterator) {
        if (Files.getLastModifiedTime(jar).compareTo(made) > 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean make(Path archive, Path serverJar, Path java)
      throws IOException, InterruptedException {
    Path partial = archive.resolveSibling(archive.getFileName() + ".tmp");
    Path log = archive.resolveSibling(archive.getFileName() + ".log");
    Files.deleteIfExists(archive);
    Files.deleteIfExists(partial);
    List<String> command =
        Stream.of(
                Stream.of(java.toString(), "--add-opens=java.base/java.nio=ALL-UNNAMED"),
                QUIET.stream(),
                Stream.of(
                    "-XX:ArchiveClassesAtExit=" + partial,
                    "-jar",
                    serverJar.toAbsolutePath().toString(),
                    "warm-up"))
            .flatMap(s -> s)
            .toList();
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (process.waitFor() != 0 || !Files.isRegularFile(partial)) {
      Files.deleteIfExists(partial);
      System.out.println("class-data archive: could not be made (see " + log + "); not used");
      return false;
    }
    Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
    return true;
  }
}

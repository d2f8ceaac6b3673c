package io.dataplatform.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code dp warm-up}, which the launcher runs to make its class-data archive. */
class WarmUpCommandIT {
  @Test
  void usesEveryPartOfAPlatformAndLeavesNothingBehind() throws IOException {
    List<Path> before = warmUpDirectories();

    int exitCode = new CommandLine(new WarmUpCommand()).execute();

    // a failing SQL statement, dbt build or API call makes the command fail
    assertEquals(0, exitCode);
    assertEquals(before, warmUpDirectories());
  }

  private static List<Path> warmUpDirectories() throws IOException {
    try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return entries
          .filter(path -> path.getFileName().toString().startsWith("dp-warm-up"))
          .sorted()
          .toList();
    }
  }
}

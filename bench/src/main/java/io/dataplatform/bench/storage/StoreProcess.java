package io.dataplatform.bench.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The platform ({@code dp up}) as a child process serving its S3 API, run from a private copy of
 * the built server so that rebuilding the server meanwhile cannot affect it.
 */
final class StoreProcess implements AutoCloseable {
  static final String ACCESS_KEY = "benchaccesskey";
  static final String SECRET_KEY = "benchsecretkey123456";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);

  private final Process process;
  private final S3Endpoint endpoint;
  private final Path log;

  private StoreProcess(Process process, S3Endpoint endpoint, Path log) {
    this.process = requireNonNull(process, "process");
    this.endpoint = requireNonNull(endpoint, "endpoint");
    this.log = requireNonNull(log, "log");
  }

  /**
   * Copies the server jar and its {@code lib/} folder into {@code runDirectory/server}, starts it
   * on the data directory {@code runDirectory/platform} and waits until its S3 API is ready.
   */
  static StoreProcess start(Path serverJar, Path runDirectory)
      throws IOException, InterruptedException {
    Path jar = copyServer(serverJar, runDirectory.resolve("server"));
    Path data = runDirectory.resolve("platform");
    Path log = runDirectory.resolve("platform.log");
    int s3Port = freePort();
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-jar",
                jar.toAbsolutePath().toString(),
                "up",
                "--data",
                data.toAbsolutePath().toString(),
                "--http-port",
                Integer.toString(freePort()),
                "--flight-port",
                Integer.toString(freePort()),
                "--s3-port",
                Integer.toString(s3Port)));
    builder.environment().put("DP_ADMIN_PASSWORD", "secret");
    builder.environment().put("DP_S3_ACCESS_KEY", ACCESS_KEY);
    builder.environment().put("DP_S3_SECRET_KEY", SECRET_KEY);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    Process process = builder.start();
    URI uri = URI.create("http://127.0.0.1:" + s3Port);
    try {
      awaitReady(process, uri, log);
    } catch (IOException | InterruptedException | RuntimeException e) {
      process.destroy();
      throw e;
    }
    return new StoreProcess(process, new S3Endpoint(uri, ACCESS_KEY, SECRET_KEY), log);
  }

  private static Path copyServer(Path serverJar, Path target) throws IOException {
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

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void awaitReady(Process process, URI endpoint, Path log)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ready =
        HttpRequest.newBuilder(endpoint.resolve("/minio/health/ready"))
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "Cannot start the platform: it exited with "
                + process.exitValue()
                + " (see "
                + log
                + "):\n"
                + tail(log));
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new IOException(
        "Cannot start the platform: S3 API not ready after "
            + STARTUP_TIMEOUT
            + " ("
            + endpoint
            + ", see "
            + log
            + ")");
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  S3Endpoint endpoint() {
    return endpoint;
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /** Stops the platform with SIGTERM (forcibly after 60 s) and returns its exit code. */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop();
    }
  }
}

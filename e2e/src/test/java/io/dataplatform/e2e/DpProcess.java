package io.dataplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real {@code dp} process started from the built jar, as a user would run it. */
final class DpProcess implements AutoCloseable {
  static final String PASSWORD = "secret";
  private final Path dataDirectory;
  private final int httpPort;
  private final int flightPort;
  private final int s3Port;
  private final Process process;
  private final Path log;

  private DpProcess(
      Path dataDirectory, int httpPort, int flightPort, int s3Port, Process process, Path log) {
    this.dataDirectory = dataDirectory;
    this.httpPort = httpPort;
    this.flightPort = flightPort;
    this.s3Port = s3Port;
    this.process = process;
    this.log = log;
  }

  static Path jar() {
    Path jar = Path.of(System.getProperty("dp.server.jar", "../server/target/dp-server.jar"));
    assertTrue(Files.isRegularFile(jar), "the server jar is built before e2e: " + jar);
    return jar;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static List<String> javaCommand(String[] first, String... arguments) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(arguments));
    return javaCommand(all.toArray(String[]::new));
  }

  static List<String> javaCommand(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(arguments));
    return command;
  }

  /** Starts {@code dp up} (or another server command) and waits until it is healthy. */
  static DpProcess start(Path dataDirectory, String command, Map<String, String> environment)
      throws Exception {
    return start(dataDirectory, List.of(command), environment, Duration.ofSeconds(90));
  }

  /**
   * Starts a server command with extra arguments ({@code demo --demo-postgres-port N}) and waits up
   * to {@code timeout} until it prints that it is ready.
   */
  static DpProcess start(
      Path dataDirectory,
      List<String> commandAndArguments,
      Map<String, String> environment,
      Duration timeout)
      throws Exception {
    int httpPort = freePort();
    int flightPort = freePort();
    int s3Port = freePort();
    Path log = Files.createTempFile("dp-e2e", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
            javaCommand(
                commandAndArguments.toArray(String[]::new),
                "--data",
                dataDirectory.toString(),
                "--http-port",
                Integer.toString(httpPort),
                "--flight-port",
                Integer.toString(flightPort),
                "--s3-port",
                Integer.toString(s3Port)));
    builder.environment().put("DP_ADMIN_PASSWORD", PASSWORD);
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    DpProcess dp = new DpProcess(dataDirectory, httpPort, flightPort, s3Port, builder.start(), log);
    dp.awaitReady(timeout);
    return dp;
  }

  private void awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("dp exited with " + process.exitValue() + ":\n" + output());
      }
      if (output().contains("dp: ready in")) {
        return;
      }
      Thread.sleep(100);
    }
    fail("dp did not become ready in " + timeout.toSeconds() + " s:\n" + output());
  }

  String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  int httpPort() {
    return httpPort;
  }

  int flightPort() {
    return flightPort;
  }

  int s3Port() {
    return s3Port;
  }

  String s3Endpoint() {
    return "http://127.0.0.1:" + s3Port;
  }

  Path dataDirectory() {
    return dataDirectory;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  String flightJdbcUrl() {
    return "jdbc:arrow-flight-sql://127.0.0.1:" + flightPort + "?useEncryption=false";
  }

  long pid() {
    return process.pid();
  }

  HttpResponse<String> http(String method, String path, String body, String authorization)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(60));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Stops the server with SIGTERM and waits for it to end. */
  int stop() throws Exception {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("dp did not stop within 60 s of SIGTERM:\n" + output());
    }
    return process.exitValue();
  }

  /** Kills the server with SIGKILL, as a crash or an OOM killer would, and waits for it. */
  void kill() throws Exception {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      stop();
    }
  }

  /** Runs a client command of the same program, e.g. {@code dp sql}, and returns its output. */
  static CommandResult run(Map<String, String> environment, String... arguments) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(javaCommand(arguments));
    builder.environment().putAll(environment);
    Path out = Files.createTempFile("dp-cli", ".out");
    Path err = Files.createTempFile("dp-cli", ".err");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("dp " + String.join(" ", arguments) + " did not finish in 120 s");
    }
    return new CommandResult(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  record CommandResult(int exitCode, String out, String err) {}
}

package io.dataplatform.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The platform ({@code dp up}) running as a child process on its own data directory. */
public final class PlatformProcess implements AutoCloseable {
  static final String USER = "admin";
  static final String PASSWORD = "secret";

  /** The root access key of the platform's S3 API. */
  public static final String S3_ACCESS_KEY = "benchaccesskey";

  /** The secret key that goes with {@link #S3_ACCESS_KEY}. */
  public static final String S3_SECRET_KEY = "benchsecretkey123456";

  /**
   * Environment variable with extra options for the platform's JVM, separated by spaces (for
   * example a flight recording of the run).
   */
  static final String SERVER_JAVA_OPTIONS = "DP_BENCH_SERVER_JAVA_OPTIONS";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);

  private final Process process;
  private final Path dataDirectory;
  private final Path log;
  private final int httpPort;
  private final int flightPort;
  private final int s3Port;
  private final double startupMillis;
  private final HttpClient http = HttpClient.newHttpClient();

  private PlatformProcess(
      Process process,
      Path dataDirectory,
      Path log,
      int httpPort,
      int flightPort,
      int s3Port,
      double millis) {
    this.process = requireNonNull(process, "process");
    this.dataDirectory = requireNonNull(dataDirectory, "dataDirectory");
    this.log = requireNonNull(log, "log");
    this.httpPort = httpPort;
    this.flightPort = flightPort;
    this.s3Port = s3Port;
    this.startupMillis = millis;
  }

  /** What a start waits for: one of the platform's health endpoints to answer 200. */
  private enum Readiness {
    /** The HTTP API is up. */
    HTTP_API("/api/v1/health", "not healthy"),
    /** The S3 API accepts requests. */
    S3_API("/minio/health/ready", "S3 API not ready");

    private final String path;
    private final String failure;

    Readiness(String path, String failure) {
      this.path = path;
      this.failure = failure;
    }

    URI check(int httpPort, int s3Port) {
      int port = this == S3_API ? s3Port : httpPort;
      return URI.create("http://127.0.0.1:" + port + path);
    }
  }

  /** Starts the server jar on a fresh data directory and waits until it reports healthy. */
  static PlatformProcess start(Path serverJar, Path dataDirectory)
      throws IOException, InterruptedException {
    return start(serverJar, dataDirectory, Readiness.HTTP_API, Launch.DEFAULT);
  }

  /**
   * Extra JVM options (before {@code -jar}, after those of {@link #SERVER_JAVA_OPTIONS}) and
   * environment variables (for example {@code DP_INGEST_COMMIT_INTERVAL}) of the platform process.
   */
  record Launch(List<String> javaOptions, Map<String, String> environment) {
    static final Launch DEFAULT = new Launch(List.of(), Map.of());

    Launch {
      javaOptions = List.copyOf(javaOptions);
      environment = Map.copyOf(environment);
    }
  }

  /**
   * Starts the server jar on a fresh data directory with extra JVM options and environment, and
   * waits until it reports healthy.
   */
  static PlatformProcess start(Path serverJar, Path dataDirectory, Launch launch)
      throws IOException, InterruptedException {
    return start(serverJar, dataDirectory, Readiness.HTTP_API, requireNonNull(launch, "launch"));
  }

  /**
   * Starts the server jar with extra {@code DP_*} settings in its environment (e.g. {@code
   * DP_PIPELINES_DIR}) and waits until it reports healthy.
   */
  static PlatformProcess start(Path serverJar, Path dataDirectory, Map<String, String> environment)
      throws IOException, InterruptedException {
    return start(serverJar, dataDirectory, new Launch(List.of(), environment));
  }

  /**
   * Starts the server jar on a fresh data directory and waits until its S3 API is ready ({@code
   * /minio/health/ready}); the S3 API accepts {@link #S3_ACCESS_KEY} and {@link #S3_SECRET_KEY}.
   */
  public static PlatformProcess startServingS3(Path serverJar, Path dataDirectory)
      throws IOException, InterruptedException {
    return start(serverJar, dataDirectory, Readiness.S3_API, Launch.DEFAULT);
  }

  private static PlatformProcess start(
      Path serverJar, Path dataDirectory, Readiness readiness, Launch launch)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(serverJar)) {
      throw new IOException(
          "Cannot start the platform: server jar not found, build it with"
              + " 'mvn -B -q -DskipTests install' at the root ("
              + serverJar.toAbsolutePath()
              + ")");
    }
    if (Files.exists(dataDirectory)) {
      throw new IOException(
          "Cannot start the platform: data directory exists already (" + dataDirectory + ")");
    }
    Files.createDirectories(dataDirectory);
    int httpPort = freePort();
    int flightPort = freePort();
    int s3Port = freePort();
    Path log = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
    command.addAll(ClassArchive.javaOptions(serverJar, java));
    String extra = System.getenv(SERVER_JAVA_OPTIONS);
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.trim().split("\\s+")));
    }
    command.addAll(launch.javaOptions());
    command.addAll(
        List.of(
            "-jar",
            serverJar.toAbsolutePath().toString(),
            "up",
            "--data",
            dataDirectory.toAbsolutePath().toString(),
            "--http-port",
            Integer.toString(httpPort),
            "--flight-port",
            Integer.toString(flightPort),
            "--s3-port",
            Integer.toString(s3Port)));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("DP_ADMIN_PASSWORD", PASSWORD);
    builder.environment().put("DP_S3_ACCESS_KEY", S3_ACCESS_KEY);
    builder.environment().put("DP_S3_SECRET_KEY", S3_SECRET_KEY);
    builder.environment().putAll(launch.environment());
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    long started = System.nanoTime();
    Process process = builder.start();
    try {
      awaitHealthy(process, readiness.check(httpPort, s3Port), readiness, log);
    } catch (IOException | InterruptedException | RuntimeException e) {
      process.destroy();
      throw e;
    }
    double millis = (System.nanoTime() - started) / 1e6;
    return new PlatformProcess(process, dataDirectory, log, httpPort, flightPort, s3Port, millis);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void awaitHealthy(Process process, URI check, Readiness readiness, Path log)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    HttpRequest health = HttpRequest.newBuilder(check).timeout(Duration.ofSeconds(5)).build();
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
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet, or closed the connection while starting
      }
      Thread.sleep(20);
    }
    throw new IOException(
        "Cannot start the platform: "
            + readiness.failure
            + " after "
            + STARTUP_TIMEOUT
            + " (see "
            + log
            + ")");
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  String baseUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  Path dataDirectory() {
    return dataDirectory;
  }

  /** The platform's S3 API. */
  public URI s3Endpoint() {
    return URI.create("http://127.0.0.1:" + s3Port);
  }

  /** The file the platform writes its output to. */
  public Path log() {
    return log;
  }

  double startupMillis() {
    return startupMillis;
  }

  /** The process id of the platform. */
  public long pid() {
    return process.pid();
  }

  /** A new Flight SQL JDBC connection as the admin user. */
  int flightPort() {
    return flightPort;
  }

  Connection openFlightSql() throws SQLException {
    String url = "jdbc:arrow-flight-sql://127.0.0.1:" + flightPort + "?useEncryption=false";
    return DriverManager.getConnection(url, USER, PASSWORD);
  }

  /** Runs one statement through {@code POST /api/v1/sql} and returns the response body. */
  String httpSql(String sql) throws IOException, InterruptedException {
    String body = JSON.writeValueAsString(Map.of("sql", sql, "limit", 100));
    String credentials =
        Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/sql"))
            .timeout(Duration.ofMinutes(30))
            .header("Authorization", "Basic " + credentials)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(
          "Cannot run SQL over HTTP: status "
              + response.statusCode()
              + " ("
              + response.body()
              + ")");
    }
    return response.body();
  }

  /** Resident memory of the server process in bytes, from {@code /proc/<pid>/status}. */
  long residentBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        String[] fields = line.trim().split("\\s+");
        return Long.parseLong(fields[1]) * 1024;
      }
    }
    throw new IOException("Cannot read resident memory: no VmRSS line (pid " + pid() + ")");
  }

  /**
   * CPU time the server process has used so far (user and system), from {@code /proc/<pid>/stat} in
   * clock ticks of 10 ms (Linux's {@code USER_HZ} is 100 on every architecture it exports).
   */
  Duration cpuTime() throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
    // the fields after the command name, which is in parentheses and may hold spaces
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return Duration.ofMillis(ticks * 10);
  }

  /**
   * Waits until the server used less than {@code idleShare} of one core over a whole second, at
   * most {@code timeout}; returns the wait.
   */
  Duration awaitIdle(double idleShare, Duration timeout) throws IOException, InterruptedException {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    Duration before = cpuTime();
    while (System.nanoTime() < deadline) {
      Thread.sleep(1000);
      Duration now = cpuTime();
      if (now.minus(before).toMillis() < idleShare * 1000) {
        return Duration.ofNanos(System.nanoTime() - started);
      }
      before = now;
    }
    return timeout;
  }

  /** Stops the server with SIGTERM and returns its exit code. */
  public int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      System.out.println("platform did not stop within 60 s of SIGTERM; killing pid " + pid());
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

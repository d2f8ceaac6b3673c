package io.dataplatform.e2e;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line S3 tools users already have — the AWS CLI and rclone, from Debian packages —
 * against a running {@code dp up}.
 */
class S3ClientsIT {
  private static final String ACCESS_KEY = "e2eaccesskey0000001";
  private static final String SECRET_KEY = "e2esecretkey00000000000000000000000001";

  @TempDir Path directory;

  @Test
  void awsCliMakesCopiesListsSyncsAndRemoves() throws Exception {
    Path binary = tool("/usr/bin/aws", "awscli");
    try (DpProcess dp = start()) {
      Tool aws = new Tool(binary, awsEnvironment(), List.of("--endpoint-url", dp.s3Endpoint()));
      Path file = directory.resolve("report.csv");
      Files.writeString(file, "id,amount\n1,10\n2,20\n");
      Path tree = Files.createDirectories(directory.resolve("tree/nested"));
      Files.writeString(tree.resolve("a.txt"), "alpha");
      Files.writeString(tree.getParent().resolve("b.txt"), "bravo");
      byte[] large = new byte[20 * 1024 * 1024];
      new Random(7).nextBytes(large);
      Files.write(directory.resolve("large.bin"), large);

      aws.run("s3", "mb", "s3://cli-bucket");
      aws.run("s3", "cp", file.toString(), "s3://cli-bucket/in/report.csv");
      // above the CLI's 8 MB threshold: a multipart upload
      aws.run("s3", "cp", directory.resolve("large.bin").toString(), "s3://cli-bucket/large.bin");
      aws.run("s3", "sync", directory.resolve("tree").toString(), "s3://cli-bucket/tree");

      String listing = aws.run("s3", "ls", "--recursive", "s3://cli-bucket");
      assertTrue(listing.contains("in/report.csv"), listing);
      assertTrue(listing.contains("tree/nested/a.txt"), listing);
      assertTrue(listing.contains("tree/b.txt"), listing);
      assertTrue(listing.contains(" 20971520 large.bin"), listing);
      String buckets = aws.run("s3", "ls");
      assertTrue(buckets.contains("cli-bucket") && buckets.contains("warehouse"), buckets);

      Path back = directory.resolve("back");
      aws.run("s3", "cp", "s3://cli-bucket/large.bin", back.resolve("large.bin").toString());
      assertArrayEquals(large, Files.readAllBytes(back.resolve("large.bin")));
      aws.run("s3", "sync", "s3://cli-bucket/tree", back.resolve("tree").toString());
      assertEquals("alpha", Files.readString(back.resolve("tree/nested/a.txt")));

      aws.run("s3", "rm", "--recursive", "s3://cli-bucket/tree");
      String after = aws.run("s3", "ls", "--recursive", "s3://cli-bucket");
      assertFalse(after.contains("tree/"), after);
      assertTrue(after.contains("in/report.csv"), after);

      CommandOutput refused =
          aws.with("AWS_SECRET_ACCESS_KEY", "not-the-secret-key-at-all-0000000000000")
              .runAllowingFailure("s3", "ls");
      assertTrue(refused.exitCode() != 0, refused.text());
      assertTrue(refused.text().contains("SignatureDoesNotMatch"), refused.text());
    }
  }

  @Test
  void tablesMadeWithSqlAreFilesOfTheWarehouseBucket() throws Exception {
    Path binary = tool("/usr/bin/aws", "awscli");
    try (DpProcess dp = start()) {
      sql(dp, "create schema sales");
      sql(
          dp,
          "create table sales.orders as select range as id, range * 2 as amount from range(500)");
      Tool aws = new Tool(binary, awsEnvironment(), List.of("--endpoint-url", dp.s3Endpoint()));
      String listing = aws.run("s3", "ls", "--recursive", "s3://warehouse/sales/orders/");
      assertTrue(listing.contains(".metadata.json"), listing);
      String dataFile =
          listing
              .lines()
              .map(line -> line.substring(line.lastIndexOf(' ') + 1))
              .filter(key -> key.endsWith(".parquet"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no Parquet file in\n" + listing));
      Path copy = directory.resolve("orders.parquet");
      aws.run("s3", "cp", "s3://warehouse/" + dataFile, copy.toString());
      byte[] bytes = Files.readAllBytes(copy);
      assertEquals("PAR1", new String(bytes, 0, 4, StandardCharsets.US_ASCII));
      assertEquals("PAR1", new String(bytes, bytes.length - 4, 4, StandardCharsets.US_ASCII));
    }
  }

  private static void sql(DpProcess dp, String sql) throws Exception {
    var response =
        dp.http(
            "POST",
            "/api/v1/sql",
            AdminClients.JSON.writeValueAsString(Map.of("sql", sql)),
            AdminClients.ADMIN_BASIC);
    assertEquals(200, response.statusCode(), response.body());
  }

  @Test
  void rcloneCopiesListsAndDeletes() throws Exception {
    Path binary = tool("/usr/bin/rclone", "rclone");
    try (DpProcess dp = start()) {
      Map<String, String> environment = new HashMap<>();
      environment.put("RCLONE_CONFIG_DP_TYPE", "s3");
      environment.put("RCLONE_CONFIG_DP_PROVIDER", "Minio");
      environment.put("RCLONE_CONFIG_DP_ACCESS_KEY_ID", ACCESS_KEY);
      environment.put("RCLONE_CONFIG_DP_SECRET_ACCESS_KEY", SECRET_KEY);
      environment.put("RCLONE_CONFIG_DP_ENDPOINT", dp.s3Endpoint());
      environment.put("RCLONE_CONFIG_DP_REGION", "us-east-1");
      // an empty config file: the remote comes from the environment, and rclone says nothing
      // about a missing file
      Path config = Files.writeString(directory.resolve("rclone.conf"), "");
      environment.put("RCLONE_CONFIG", config.toString());
      Tool rclone = new Tool(binary, environment, List.of());
      Path source = Files.createDirectories(directory.resolve("source/sub"));
      Files.writeString(source.resolve("one.txt"), "one");
      Files.writeString(source.getParent().resolve("two.txt"), "two two");

      rclone.run("mkdir", "dp:rclone-bucket");
      rclone.run("copy", source.getParent().toString(), "dp:rclone-bucket/data");
      String files = rclone.run("ls", "dp:rclone-bucket");
      assertTrue(files.contains("3 data/sub/one.txt"), files);
      assertTrue(files.contains("7 data/two.txt"), files);
      rclone.run("check", source.getParent().toString(), "dp:rclone-bucket/data");
      assertEquals("one", rclone.run("cat", "dp:rclone-bucket/data/sub/one.txt"));
      rclone.run("delete", "dp:rclone-bucket/data/sub");
      String after = rclone.run("ls", "dp:rclone-bucket");
      assertFalse(after.contains("one.txt"), after);
      assertTrue(after.contains("two.txt"), after);
    }
  }

  private DpProcess start() throws Exception {
    return DpProcess.start(
        directory.resolve("data"),
        "up",
        Map.of("DP_S3_ACCESS_KEY", ACCESS_KEY, "DP_S3_SECRET_KEY", SECRET_KEY));
  }

  private Map<String, String> awsEnvironment() {
    Map<String, String> environment = new HashMap<>();
    environment.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
    environment.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    environment.put("AWS_DEFAULT_REGION", "us-east-1");
    environment.put("AWS_CONFIG_FILE", directory.resolve("aws-config").toString());
    environment.put("AWS_SHARED_CREDENTIALS_FILE", directory.resolve("aws-credentials").toString());
    environment.put("AWS_PAGER", "");
    return environment;
  }

  /** The Debian package's binary; without it the test is skipped, except in CI where it fails. */
  private static Path tool(String path, String debianPackage) {
    Path binary = Path.of(path);
    if (!Files.isExecutable(binary)) {
      String reason =
          path + " is not installed (apt-get install " + debianPackage + "); .ci/run installs it";
      if ("true".equals(System.getenv("CI"))) {
        fail(reason);
      }
      assumeTrue(false, reason);
    }
    return binary;
  }

  private record CommandOutput(int exitCode, String text) {}

  /**
   * A tool with the environment it sees and the arguments every call starts with (such as the
   * endpoint), so each step names only what it does.
   */
  private final class Tool {
    private final Path binary;
    private final Map<String, String> environment;
    private final List<String> leadingArguments;

    Tool(Path binary, Map<String, String> environment, List<String> leadingArguments) {
      this.binary = requireNonNull(binary, "binary");
      this.environment = Map.copyOf(environment);
      this.leadingArguments = List.copyOf(leadingArguments);
    }

    /** The same tool with one environment variable set to another value. */
    Tool with(String name, String value) {
      Map<String, String> changed = new HashMap<>(environment);
      changed.put(name, value);
      return new Tool(binary, changed, leadingArguments);
    }

    /** Runs the tool, failing the test unless it exits with 0, and returns its output. */
    String run(String... arguments) throws Exception {
      CommandOutput output = runAllowingFailure(arguments);
      if (output.exitCode() != 0) {
        fail(description(arguments) + " failed:\n" + output.text());
      }
      return output.text();
    }

    CommandOutput runAllowingFailure(String... arguments) throws Exception {
      List<String> command = new ArrayList<>();
      command.add(binary.toString());
      command.addAll(leadingArguments);
      command.addAll(List.of(arguments));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      // the tools read AWS_* and RCLONE_* settings of the machine (a CA bundle, a profile); only
      // the test's own apply
      builder
          .environment()
          .keySet()
          .removeIf(name -> name.startsWith("AWS_") || name.startsWith("RCLONE_"));
      builder.environment().putAll(environment);
      Path output = Files.createTempFile(directory, "tool", ".out");
      builder.redirectOutput(output.toFile());
      Process process = builder.start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail(description(arguments) + " did not finish in 120 s");
      }
      return new CommandOutput(
          process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private String description(String... arguments) {
      List<String> all = new ArrayList<>(leadingArguments);
      all.addAll(List.of(arguments));
      return binary.getFileName() + " " + String.join(" ", all);
    }
  }
}

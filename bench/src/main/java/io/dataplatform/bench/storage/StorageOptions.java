package io.dataplatform.bench.storage;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** The command line of the object storage benchmark. */
record StorageOptions(
    Path dataRoot,
    int largeMib,
    int smallCount,
    int clients,
    double multipartGib,
    int partMib,
    boolean multipart,
    int runs,
    Path serverJar,
    Optional<S3Endpoint> endpoint,
    OptionalLong serverPid) {

  static final int SMALL_OBJECT_BYTES = 4096;
  static final long MIB = 1 << 20;

  static final String USAGE =
      """
      Usage: StorageBench [--large-mb 256] [--small-count 1000] [--clients 8] [--multipart-gb 2] [--part-mb 64]
                          [--skip-multipart] [--runs 3] [--data data]
                          [--server-jar ../server/target/dp-server.jar]
                          [--endpoint http://127.0.0.1:9000 --access-key K --secret-key S
                           [--server-pid PID]]
        --large-mb        size of the large object and file, in MiB
        --small-count     number of 4 KiB objects and files written
        --clients         how many clients write the small objects (and files) at once
        --multipart-gb    size of the multipart upload, in GiB (fractions allowed)
        --part-mb         part size of the multipart upload, in MiB
        --skip-multipart  no multipart upload and no heap sampling
        --runs            timed runs after one warm-up; the median is reported
        --data            where the platform's data directory, the baseline's files and the
                          report go (the same disk as the store, for a fair baseline)
        --server-jar      the built platform to start (dp-server.jar with its lib/ folder)
        --endpoint        measure this running S3 endpoint instead of starting the platform
        --server-pid      with --endpoint: the server JVM whose heap is sampled
      """;

  StorageOptions {
    requireNonNull(dataRoot, "dataRoot");
    requireNonNull(serverJar, "serverJar");
    requireNonNull(endpoint, "endpoint");
    requireNonNull(serverPid, "serverPid");
    positive("--large-mb", largeMib);
    positive("--small-count", smallCount);
    positive("--clients", clients);
    positive("--part-mb", partMib);
    positive("--runs", runs);
    if (!(multipartGib > 0)) {
      throw new IllegalArgumentException(
          "Cannot run the benchmark: --multipart-gb must be positive (" + multipartGib + ")");
    }
    if (partMib < 5) {
      throw new IllegalArgumentException(
          "Cannot run the benchmark: S3 parts are at least 5 MiB (--part-mb " + partMib + ")");
    }
    if (serverPid.isPresent() && endpoint.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot run the benchmark: --server-pid goes with --endpoint (the harness knows the pid"
              + " of the platform it starts)");
    }
  }

  private static void positive(String option, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(
          "Cannot run the benchmark: " + option + " must be positive (" + value + ")");
    }
  }

  static StorageOptions parse(String... arguments) {
    Path dataRoot = Path.of("data");
    int largeMib = 256;
    int smallCount = 1000;
    int clients = 8;
    double multipartGib = 2;
    int partMib = 64;
    boolean multipart = true;
    int runs = 3;
    Path serverJar = Path.of("../server/target/dp-server.jar");
    String endpoint = null;
    String accessKey = null;
    String secretKey = null;
    OptionalLong serverPid = OptionalLong.empty();
    for (int i = 0; i < arguments.length; i++) {
      String argument = arguments[i];
      switch (argument) {
        case "--data" -> dataRoot = Path.of(value(arguments, ++i, argument));
        case "--large-mb" -> largeMib = Integer.parseInt(value(arguments, ++i, argument));
        case "--small-count" -> smallCount = Integer.parseInt(value(arguments, ++i, argument));
        case "--clients" -> clients = Integer.parseInt(value(arguments, ++i, argument));
        case "--multipart-gb" -> multipartGib = Double.parseDouble(value(arguments, ++i, argument));
        case "--part-mb" -> partMib = Integer.parseInt(value(arguments, ++i, argument));
        case "--skip-multipart" -> multipart = false;
        case "--runs" -> runs = Integer.parseInt(value(arguments, ++i, argument));
        case "--server-jar" -> serverJar = Path.of(value(arguments, ++i, argument));
        case "--endpoint" -> endpoint = value(arguments, ++i, argument);
        case "--access-key" -> accessKey = value(arguments, ++i, argument);
        case "--secret-key" -> secretKey = value(arguments, ++i, argument);
        case "--server-pid" ->
            serverPid = OptionalLong.of(Long.parseLong(value(arguments, ++i, argument)));
        default ->
            throw new IllegalArgumentException(
                "Cannot run the benchmark: unknown option (" + argument + ")\n" + USAGE);
      }
    }
    return new StorageOptions(
        dataRoot,
        largeMib,
        smallCount,
        clients,
        multipartGib,
        partMib,
        multipart,
        runs,
        serverJar,
        endpoint(endpoint, accessKey, secretKey),
        serverPid);
  }

  private static Optional<S3Endpoint> endpoint(String uri, String accessKey, String secretKey) {
    if (uri == null) {
      if (accessKey != null || secretKey != null) {
        throw new IllegalArgumentException(
            "Cannot run the benchmark: --access-key and --secret-key go with --endpoint");
      }
      return Optional.empty();
    }
    if (accessKey == null || secretKey == null) {
      throw new IllegalArgumentException(
          "Cannot run the benchmark: --endpoint needs --access-key and --secret-key (" + uri + ")");
    }
    return Optional.of(new S3Endpoint(URI.create(uri), accessKey, secretKey));
  }

  private static String value(String[] arguments, int index, String option) {
    if (index >= arguments.length) {
      throw new IllegalArgumentException(
          "Cannot run the benchmark: option needs a value (" + option + ")");
    }
    return arguments[index];
  }

  long largeBytes() {
    return largeMib * MIB;
  }

  long multipartBytes() {
    return Math.round(multipartGib * 1024) * MIB;
  }

  long partBytes() {
    return partMib * MIB;
  }
}

package io.dataplatform.bench.storage;

import static java.util.Objects.requireNonNull;

import io.dataplatform.bench.PlatformProcess;
import io.dataplatform.bench.ServerSnapshot;
import io.dataplatform.bench.storage.Measurements.Operation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The object storage benchmark: large and small objects through the AWS SDK against the same bytes
 * written and read with plain file I/O on the same disk in the same run, then a multipart upload
 * while the server's heap is sampled. It reports figures and never fails on timing.
 */
public final class StorageBench {
  private final StorageOptions options;
  private final String timestamp =
      LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
  private final PatternData data = new PatternData(20261130L);
  private final FileBaseline files = new FileBaseline(data);
  private final Ceilings ceilings = new Ceilings(data);
  private final Path runDirectory;
  private final Path baseline;

  StorageBench(StorageOptions options) {
    this.options = requireNonNull(options, "options");
    this.runDirectory = options.dataRoot().resolve("storage-" + timestamp);
    this.baseline = runDirectory.resolve("baseline");
  }

  public static void main(String[] arguments) throws Exception {
    StorageOptions options;
    try {
      options = StorageOptions.parse(arguments);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    new StorageBench(options).run();
  }

  void run() throws IOException, InterruptedException {
    Files.createDirectories(baseline);
    PlatformProcess platform = null;
    try {
      S3Endpoint endpoint;
      Optional<Long> serverPid;
      String setup;
      if (options.endpoint().isPresent()) {
        endpoint = options.endpoint().orElseThrow();
        serverPid =
            options.serverPid().isPresent()
                ? Optional.of(options.serverPid().getAsLong())
                : Optional.empty();
        setup = "store: running endpoint " + endpoint;
      } else {
        long started = System.nanoTime();
        Path serverJar = ServerSnapshot.copy(options.serverJar(), runDirectory.resolve("server"));
        platform = PlatformProcess.startServingS3(serverJar, runDirectory.resolve("platform"));
        endpoint =
            new S3Endpoint(
                platform.s3Endpoint(),
                PlatformProcess.S3_ACCESS_KEY,
                PlatformProcess.S3_SECRET_KEY);
        serverPid = Optional.of(platform.pid());
        setup =
            format(
                "store: platform started by the harness (pid %d, S3 API ready after %.1f s,"
                    + " log %s)",
                platform.pid(), (System.nanoTime() - started) / 1e9, platform.log());
        progress(setup);
      }
      setup += "\nfile I/O baseline: " + baseline.toAbsolutePath();
      print(measure(endpoint, serverPid, setup).lines());
    } finally {
      if (platform != null) {
        progress("platform exit code after SIGTERM: " + platform.stop());
      }
      deleteTree(runDirectory.resolve("platform"));
      deleteTree(runDirectory.resolve("server"));
      deleteTree(baseline);
      deleteIfEmpty(runDirectory);
    }
  }

  private StorageReport measure(S3Endpoint endpoint, Optional<Long> serverPid, String setup)
      throws IOException, InterruptedException {
    String bucket = "bench-" + timestamp;
    try (S3Workload store = S3Workload.open(endpoint, data, bucket)) {
      try {
        progress("bucket " + bucket + " created; warm-up");
        // a whole round, not reported: both JVMs compile the hot paths first
        round(store, "warm-up", options.largeBytes(), options.smallCount(), new Measurements());
        Measurements measurements = new Measurements();
        for (int run = 1; run <= options.runs(); run++) {
          round(store, "run" + run, options.largeBytes(), options.smallCount(), measurements);
        }
        Optional<MultipartFigures> multipart = Optional.empty();
        if (options.multipart()) {
          multipart = Optional.of(new MultipartPhase(store, options, serverPid).run());
        }
        return new StorageReport(options, setup, measurements, multipart);
      } finally {
        store.deleteBucket();
        progress("bucket " + bucket + " emptied and deleted");
      }
    }
  }

  /** One round of every timed operation, file I/O first, then the store. */
  private void round(
      S3Workload store, String name, long largeBytes, int smallCount, Measurements measurements)
      throws IOException {
    Path file = baseline.resolve(name + ".bin");
    String key = name + "/large";
    long fileWrite = files.writeLarge(file, largeBytes);
    long storePut = store.put(key, largeBytes);
    long fileRead = files.readLarge(file, largeBytes);
    long storeGet = store.get(key, largeBytes);
    long loopback = ceilings.loopback(largeBytes);
    long md5 = ceilings.md5(largeBytes);
    Files.delete(file);
    store.delete(key);
    Path smallDirectory = baseline.resolve(name + "-small");
    long fileSmall =
        files.writeSmall(
            smallDirectory, smallCount, StorageOptions.SMALL_OBJECT_BYTES, options.clients());
    long storeSmall =
        store.putSmall(
            name + "/small/", smallCount, StorageOptions.SMALL_OBJECT_BYTES, options.clients());
    deleteTree(smallDirectory);
    store.deletePrefix(name + "/small/");
    measurements.add(Operation.FILE_WRITE, fileWrite);
    measurements.add(Operation.STORE_PUT, storePut);
    measurements.add(Operation.FILE_READ, fileRead);
    measurements.add(Operation.STORE_GET, storeGet);
    measurements.add(Operation.FILE_SMALL_WRITES, fileSmall);
    measurements.add(Operation.STORE_SMALL_PUTS, storeSmall);
    measurements.add(Operation.LOOPBACK_TRANSFER, loopback);
    measurements.add(Operation.MD5_DIGEST, md5);
    progress(
        format(
            "%s: %d MiB write file %.1f / PUT %.1f MiB/s, read file %.1f / GET %.1f MiB/s"
                + " (loopback TCP %.1f, MD5 %.1f MiB/s); %d x 4 KiB file %.1f / PUT %.1f ops/s",
            name,
            largeBytes / StorageOptions.MIB,
            StorageReport.mibPerSecond(largeBytes, fileWrite),
            StorageReport.mibPerSecond(largeBytes, storePut),
            StorageReport.mibPerSecond(largeBytes, fileRead),
            StorageReport.mibPerSecond(largeBytes, storeGet),
            StorageReport.mibPerSecond(largeBytes, loopback),
            StorageReport.mibPerSecond(largeBytes, md5),
            smallCount,
            StorageReport.perSecond(smallCount, fileSmall),
            StorageReport.perSecond(smallCount, storeSmall)));
  }

  /** Prints the report and keeps a copy in {@code <data>/storage-report-<time>.txt}. */
  private void print(List<String> lines) throws IOException {
    System.out.println();
    lines.forEach(System.out::println);
    Path copy = options.dataRoot().resolve("storage-report-" + timestamp + ".txt");
    Files.write(copy, lines, StandardCharsets.UTF_8);
    System.out.println("report saved as " + copy.toAbsolutePath());
  }

  static void progress(String line) {
    System.out.println(line);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static void deleteIfEmpty(Path directory) throws IOException {
    boolean empty;
    try (Stream<Path> entries = Files.list(directory)) {
      empty = entries.findAny().isEmpty();
    }
    if (empty) {
      Files.delete(directory);
    }
  }

  private static String format(String pattern, Object... values) {
    return String.format(Locale.ROOT, pattern, values);
  }
}
